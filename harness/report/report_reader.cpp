#include "report/report_reader.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

namespace zconform {
namespace {

using nlohmann::json;

class Reader {
 public:
  explicit Reader(std::filesystem::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw ReportError(file_.string() + ": " + where + ": " + what);
  }
  const json& field(const json& object, const char* key, const std::string& where) const {
    if (!object.is_object() || !object.contains(key)) fail(where, std::string("no '") + key + "'");
    return object[key];
  }
  std::string text(const json& object, const char* key, const std::string& where,
                   bool required = true) const {
    if (!required && (!object.contains(key) || object[key].is_null())) return "";
    const json& v = field(object, key, where);
    if (!v.is_string()) fail(where + "." + key, "not a string");
    return v.get<std::string>();
  }
  double number(const json& object, const char* key, const std::string& where,
                bool required = true) const {
    if (!required && !object.contains(key)) return 0;
    const json& v = field(object, key, where);
    if (!v.is_number()) fail(where + "." + key, "not a number");
    return v.get<double>();
  }
  std::vector<std::string> texts(const json& object, const char* key, const std::string& where,
                                 bool required = true) const {
    std::vector<std::string> out;
    if (!required && !object.contains(key)) return out;
    const json& v = field(object, key, where);
    if (!v.is_array()) fail(where + "." + key, "not an array");
    for (const auto& item : v) {
      if (!item.is_string()) fail(where + "." + key, "holds something that is not a string");
      out.push_back(item.get<std::string>());
    }
    return out;
  }
  Verdict verdict(const std::string& text, const std::string& where) const {
    auto v = verdict_from_string(text);
    if (!v) fail(where, "'" + text + "' is no verdict");
    return *v;
  }

  CaseResult read_case(const json& c, size_t index) const {
    const std::string where = "cases[" + std::to_string(index) + "]";
    CaseResult r;
    r.id = text(c, "id", where);
    const std::string at = where + " (" + r.id + ")";
    r.number = c.contains("number") ? static_cast<size_t>(number(c, "number", at)) : index + 1;
    r.scenario_id = text(c, "scenario", at);
    r.title = text(c, "title", at);
    r.scenario_file = text(c, "scenario_file", at, false);
    r.verdict = verdict(text(c, "verdict", at), at + ".verdict");
    r.clauses = texts(c, "clauses", at);
    r.pairing = text(c, "pairing", at);
    r.transport = text(c, "transport", at);
    r.binder = text(c, "binder", at);
    r.implementations = texts(c, "implementations", at);
    if (r.implementations.size() != 2) fail(at + ".implementations", "not two names");
    r.duration_ms = number(c, "duration_ms", at);
    r.step = text(c, "step", at, false);
    r.expected = text(c, "expected", at, false);
    r.actual = text(c, "actual", at, false);
    r.rerun = text(c, "rerun", at, false);
    r.transcript = texts(c, "transcript", at, false);
    r.wire_transcript = texts(c, "wire_transcript", at, false);
    r.agent_stderr = text(c, "agent_stderr", at, false);
    if (c.contains("monitor_events")) r.monitor_events = c["monitor_events"];
    if (c.contains("observations")) r.observations = c["observations"];
    for (const auto& v : texts(c, "verdicts", at, false))
      r.verdicts.push_back(verdict(v, at + ".verdicts"));
    if (c.contains("baseline")) {
      const json& b = c["baseline"];
      const std::string status = text(b, "status", at + ".baseline");
      r.baseline_known = status == "known";
      r.baseline_unexpected_pass = status == "unexpected-pass";
      if (!r.baseline_known && !r.baseline_unexpected_pass)
        fail(at + ".baseline.status", "'" + status + "' is neither known nor unexpected-pass");
      r.baseline_clause = text(b, "clause", at + ".baseline");
      r.baseline_reason = text(b, "reason", at + ".baseline");
    }
    return r;
  }

  LoadedReport read(const json& root) const {
    LoadedReport report;
    report.file = file_;
    const std::string format = text(root, "format", "top level");
    if (format != "zconform-report/1" && format != "zconform-report/2")
      fail("format", "'" + format + "' is not a zconform report this version reads");
    RunInfo& run = report.run;
    run.started_at = text(root, "started_at", "top level");
    run.duration_ms = number(root, "duration_ms", "top level");
    run.zconform_version = text(root, "zconform_version", "top level");
    run.command = text(root, "command", "top level");
    run.filter = text(root, "filter", "top level", false);
    run.agent_restarts = static_cast<int>(number(root, "agent_restarts", "top level", false));
    run.jobs = root.value("jobs", 1);
    run.repeat = root.value("repeat", 1);
    if (root.contains("shard")) {
      run.shard_index = static_cast<int>(number(root["shard"], "index", "shard"));
      run.shard_count = static_cast<int>(number(root["shard"], "count", "shard"));
    }
    const json& impls = field(root, "implementations", "top level");
    if (!impls.is_array()) fail("implementations", "not an array");
    for (size_t i = 0; i < impls.size(); ++i) {
      const std::string where = "implementations[" + std::to_string(i) + "]";
      run.implementations.push_back({text(impls[i], "name", where),
                                     text(impls[i], "version", where),
                                     text(impls[i], "file", where)});
    }
    const json& cases = field(root, "cases", "top level");
    if (!cases.is_array()) fail("cases", "not an array");
    for (size_t i = 0; i < cases.size(); ++i) report.results.push_back(read_case(cases[i], i));
    run.planned = root.contains("planned")
                      ? static_cast<size_t>(number(root, "planned", "top level"))
                      : report.results.size();
    return report;
  }

 private:
  std::filesystem::path file_;
};

}  // namespace

LoadedReport read_json_report(const std::filesystem::path& path) {
  const std::filesystem::path file =
      std::filesystem::is_directory(path) ? path / "report.json" : path;
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ReportError(file.string() + ": cannot be read");
  json root;
  try {
    root = json::parse(in);
  } catch (const json::parse_error& e) {
    throw ReportError(file.string() + ": not JSON: " + e.what());
  }
  return Reader(file).read(root);
}

}  // namespace zconform
