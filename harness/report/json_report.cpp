#include "report/json_report.hpp"

namespace zconform {

std::map<Verdict, int> count_verdicts(const std::vector<CaseResult>& results) {
  std::map<Verdict, int> counts;
  for (Verdict v : kAllVerdicts) counts[v] = 0;
  for (const auto& r : results) ++counts[r.verdict];
  return counts;
}

bool is_regression(const CaseResult& r) {
  const bool bad =
      r.verdict == Verdict::fail || r.verdict == Verdict::flaky || r.verdict == Verdict::error;
  return bad && !r.baseline_known;
}

BaselineCounts count_baseline(const std::vector<CaseResult>& results) {
  BaselineCounts counts;
  for (const auto& r : results) {
    counts.known += r.baseline_known;
    counts.known_failures +=
        r.baseline_known && (r.verdict == Verdict::fail || r.verdict == Verdict::flaky);
    counts.unexpected_passes += r.baseline_unexpected_pass;
    counts.regressions += is_regression(r);
  }
  return counts;
}

nlohmann::json make_json_report(const RunInfo& run, const std::vector<CaseResult>& results) {
  using nlohmann::json;
  json summary = {{"total", results.size()}};
  for (const auto& [verdict, n] : count_verdicts(results))
    summary[std::string(to_string(verdict))] = n;
  const BaselineCounts baseline = count_baseline(results);
  summary["known_failures"] =
      baseline.known;  // non-strict ones included: every verdict the baseline expects
  summary["unexpected_passes"] = baseline.unexpected_passes;
  summary["regressions"] = baseline.regressions;

  json implementations = json::array();
  for (const auto& impl : run.implementations) {
    implementations.push_back(
        {{"name", impl.name}, {"version", impl.version}, {"file", impl.file}});
  }

  json cases = json::array();
  for (const auto& r : results) {
    json c = {{"id", r.id},
              {"number", r.number},
              {"scenario", r.scenario_id},
              {"title", r.title},
              {"verdict", to_string(r.verdict)},
              {"clauses", r.clauses},
              {"pairing", r.pairing},
              {"transport", r.transport},
              {"binder", r.binder},
              {"implementations", r.implementations},
              {"duration_ms", r.duration_ms},
              {"monitor_events", r.monitor_events}};
    if (!r.observations.empty()) c["observations"] = r.observations;
    if (r.verdicts.size() > 1) {
      c["verdicts"] = json::array();
      for (Verdict v : r.verdicts) c["verdicts"].push_back(to_string(v));
    }
    if (!r.agent_stderr.empty()) c["agent_stderr"] = r.agent_stderr;
    if (!r.wire_transcript.empty()) c["wire_transcript"] = r.wire_transcript;
    if (r.baseline_known || r.baseline_unexpected_pass) {
      c["baseline"] = {{"status", r.baseline_known ? "known" : "unexpected-pass"},
                       {"clause", r.baseline_clause},
                       {"reason", r.baseline_reason}};
    }
    if (r.verdict != Verdict::pass) {
      c["step"] = r.step;
      c["expected"] = r.expected;
      c["actual"] = r.actual;
      c["rerun"] = r.rerun;
      c["scenario_file"] = r.scenario_file;
      c["transcript"] = r.transcript;
    }
    cases.push_back(std::move(c));
  }

  json shards = json::array();
  for (const auto& shard : run.merged_shards) {
    shards.push_back({{"index", shard.index},
                      {"command", shard.command},
                      {"started_at", shard.started_at},
                      {"duration_ms", shard.duration_ms}});
  }
  json report = {{"format", "zconform-report/2"},
                 {"zconform_version", run.zconform_version},
                 {"started_at", run.started_at},
                 {"duration_ms", run.duration_ms},
                 {"command", run.command},
                 {"filter", run.filter},
                 {"implementations", implementations},
                 {"agent_restarts", run.agent_restarts},
                 {"jobs", run.jobs},
                 {"repeat", run.repeat},
                 {"shard", {{"index", run.shard_index}, {"count", run.shard_count}}},
                 {"planned", run.planned},
                 {"summary", summary},
                 {"cases", cases}};
  if (!shards.empty()) report["merged_shards"] = shards;
  return report;
}

}  // namespace zconform
