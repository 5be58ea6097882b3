#include "report/publish.hpp"

#include <fstream>
#include <stdexcept>

#include "report/html_report.hpp"
#include "report/json_report.hpp"
#include "report/junit_report.hpp"
#include "report/summary_markdown.hpp"

namespace zconform {
namespace {

void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

std::filesystem::path publish_reports(const std::filesystem::path& root, const std::string& stamp,
                                      const RunInfo& run, const std::vector<CaseResult>& results,
                                      const ClauseCatalogue& catalogue) {
  namespace fs = std::filesystem;
  fs::create_directories(root);
  fs::path dir = root / stamp;
  for (int n = 2; fs::exists(dir); ++n) dir = root / (stamp + "-" + std::to_string(n));
  fs::create_directories(dir);
  write_file(dir / "report.json", make_json_report(run, results).dump(2) + "\n");
  write_file(dir / "junit.xml", make_junit_report(run, results, &catalogue));
  write_file(dir / "report.html", make_html_report(run, results, catalogue));
  write_file(dir / "summary.md", make_summary_markdown(run, results, catalogue));

  // Replace latest/ in one rename, so a reader never sees half of one run and half of another.
  fs::path staging = root / ".latest.tmp";
  fs::remove_all(staging);
  fs::copy(dir, staging, fs::copy_options::recursive);
  fs::remove_all(root / "latest");
  fs::rename(staging, root / "latest");
  return dir;
}

}  // namespace zconform
