// zconform merge: joins the reports of one run's shards (run --shard I/N) into the report that
// one unsharded run would have written: every case of the plan once, in plan order, with its
// verdict; checked, so that a missing or foreign shard is an error rather than a smaller report.
#include <algorithm>
#include <iostream>
#include <set>

#include "cli/commands.hpp"
#include "cli/utc_time.hpp"
#include "report/publish.hpp"
#include "report/report_reader.hpp"
#include "scenario/clauses.hpp"
#include "util/yaml_errors.hpp"

namespace zconform {
namespace {

// Throws ReportError naming what does not fit.
void check_shards(const std::vector<LoadedReport>& shards) {
  const LoadedReport& first = shards.front();
  const int count = first.run.shard_count;
  std::set<int> indices;
  for (const auto& shard : shards) {
    const RunInfo& run = shard.run;
    const std::string name = shard.file.string();
    if (run.shard_count != count)
      throw ReportError(name + ": shard " + std::to_string(run.shard_index) + "/" +
                        std::to_string(run.shard_count) + " is not one of " +
                        std::to_string(count) + " shards like " + first.file.string());
    if (!indices.insert(run.shard_index).second)
      throw ReportError(name + ": shard " + std::to_string(run.shard_index) + "/" +
                        std::to_string(count) + " is given twice");
    if (run.planned != first.run.planned || run.filter != first.run.filter ||
        run.zconform_version != first.run.zconform_version || run.repeat != first.run.repeat)
      throw ReportError(name + ": not a shard of the same run as " + first.file.string() +
                        " (plan, filter, --repeat or zconform version differ)");
  }
  for (int i = 1; i <= count; ++i) {
    if (!indices.count(i))
      throw ReportError("shard " + std::to_string(i) + "/" + std::to_string(count) + " is missing");
  }
}

}  // namespace

int merge_command(const MergeOptions& options) {
  std::vector<LoadedReport> shards;
  std::vector<CaseResult> results;
  RunInfo run;
  try {
    for (const auto& input : options.inputs) shards.push_back(read_json_report(input));
    check_shards(shards);
    std::sort(shards.begin(), shards.end(), [](const LoadedReport& a, const LoadedReport& b) {
      return a.run.shard_index < b.run.shard_index;
    });
    run = shards.front().run;
    run.command = options.command_line;
    run.shard_index = run.shard_count = 1;
    run.duration_ms = 0;
    run.agent_restarts = 0;
    run.implementations.clear();
    std::set<std::string> names;
    for (auto& shard : shards) {
      run.started_at = std::min(run.started_at, shard.run.started_at);  // ISO 8601 sorts as text
      run.duration_ms = std::max(run.duration_ms, shard.run.duration_ms);
      run.agent_restarts += shard.run.agent_restarts;
      run.jobs = std::max(run.jobs, shard.run.jobs);
      for (const auto& impl : shard.run.implementations) {
        if (names.insert(impl.name).second) run.implementations.push_back(impl);
      }
      run.merged_shards.push_back(
          {shard.run.shard_index, shard.run.command, shard.run.started_at, shard.run.duration_ms});
      for (auto& r : shard.results) results.push_back(std::move(r));
    }
    std::sort(results.begin(), results.end(),
              [](const CaseResult& a, const CaseResult& b) { return a.number < b.number; });
    for (size_t i = 0; i < results.size(); ++i) {
      if (results[i].number != i + 1)
        throw ReportError("case number " + std::to_string(i + 1) + " of the plan's " +
                          std::to_string(run.planned) + " is " +
                          (results[i].number > i + 1 ? "missing" : "in two shards") +
                          " (next: " + results[i].id + ")");
    }
    if (results.size() != run.planned)
      throw ReportError("the shards hold " + std::to_string(results.size()) +
                        " cases of the plan's " + std::to_string(run.planned));
  } catch (const ReportError& e) {
    std::cerr << "zconform merge: " << e.what() << "\n";
    return kExitHarnessError;
  }

  std::filesystem::path written;
  try {
    const auto catalogue =
        ClauseCatalogue::load(options.common.conformance_dir / "spec" / "CLAUSES.md");
    written =
        publish_reports(options.out_dir, utc_time(std::chrono::system_clock::now(), kStampUtc), run,
                        results, catalogue);
  } catch (const std::exception& e) {
    std::cerr << "zconform merge: reports not written: " << e.what() << "\n";
    return kExitHarnessError;
  }
  auto counts = count_verdicts(results);
  const BaselineCounts gate = count_baseline(results);
  std::cout << results.size() << " cases from " << shards.size() << " shards:";
  for (const auto& [verdict, n] : counts) {
    if (n) std::cout << " " << n << " " << to_string(verdict);
  }
  std::cout << " (" << gate.known_failures << " known failures, " << gate.regressions
            << " regressions)\nreports: " << written.string() << " (and "
            << (options.out_dir / "latest").string() << ")\n";
  if (counts[Verdict::error] > 0) return kExitHarnessError;
  return gate.regressions > 0 ? kExitFailures : kExitOk;
}

}  // namespace zconform
