// zconform diff OLD NEW: what changed between two reports, case by case and per implementation.
// Exit 1 when NEW has regressions OLD did not have: a CI step can fail on it alone.
#include <iostream>

#include "cli/commands.hpp"
#include "report/report_diff.hpp"
#include "report/report_reader.hpp"

namespace zconform {

int diff_command(const DiffOptions& options) {
  LoadedReport before, after;
  try {
    before = read_json_report(options.old_report);
    after = read_json_report(options.new_report);
  } catch (const ReportError& e) {
    std::cerr << "zconform diff: " << e.what() << "\n";
    return kExitHarnessError;
  }
  const ReportDiff diff = diff_reports(before.results, after.results);
  std::cout << format_diff(diff, before.file.string(), after.file.string(), options.markdown);
  return diff.count(CaseChange::Kind::regression) > 0 ? kExitFailures : kExitOk;
}

}  // namespace zconform
