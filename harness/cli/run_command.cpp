#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/console_output.hpp"
#include "cli/dry_run.hpp"
#include "cli/leg_runner.hpp"
#include "cli/run_plan.hpp"
#include "cli/suite_loading.hpp"
#include "cli/utc_time.hpp"
#include "gate/baseline.hpp"
#include "report/publish.hpp"
#include "util/yaml_errors.hpp"

namespace zconform {

int run_command(const RunOptions& options) {
  auto started = std::chrono::system_clock::now();
  auto started_steady = Clock::now();
  std::unique_ptr<LoadedSuite> suite;
  std::vector<ImplementationChoice> impls;
  std::optional<ImplementationChoice> peer;
  std::vector<RunLeg> legs;
  try {
    // Every case is loaded: the filter applies per leg, to IDs that name a pair's implementations.
    CommonOptions unfiltered = options.common;
    unfiltered.filter.clear();
    suite = load_suite(unfiltered);
    impls = chosen_implementations(options);
    peer = chosen_peer(options, impls.size());
    legs = plan_legs(options, impls, peer, suite->catalogue);
  } catch (const FileError& e) {
    std::cerr << "zconform: " << e.what() << "\n";
    return kExitHarnessError;
  }
  for (const auto& error : suite->scenarios.errors) std::cerr << "zconform: " << error << "\n";

  const CasePlan plan = plan_cases(legs, suite->cases, options.common.filter, options.shard_index,
                                   options.shard_count);
  if (plan.cases.empty() && plan.skipped.empty()) {
    std::cerr << "zconform: no case matches the filter '" << options.common.filter
              << "' (see zconform list)\n";
    return kExitHarnessError;
  }
  if (options.dry_run) return print_dry_run(plan, legs);

  RunSettings shared;
  shared.strict = options.strict;
  shared.deadline_cap_ms = options.deadline_ms;
  shared.timeout_scale = options.timeout_scale;
  shared.catalogue = &suite->catalogue;
  shared.pairings = &suite->pairings;
  ConsoleOutput console(plan.cases.size(), options.quiet, suite->catalogue);
  LegRunOutcome outcome =
      run_cases(plan.cases, shared, {options.jobs, options.repeat},
                [&](const CaseResult& result, size_t done) { console.on_result(result, done); });
  console.finish();
  std::vector<CaseResult>& results = outcome.results;

  RunInfo run;
  run.started_at = utc_time(started, kIsoUtc);
  run.zconform_version = ZCONFORM_VERSION;
  run.command = options.command_line;
  run.filter = options.common.filter;
  run.agent_restarts = outcome.agent_restarts;
  run.jobs = options.jobs;
  run.repeat = options.repeat;
  run.shard_index = options.shard_index;
  run.shard_count = options.shard_count;
  run.planned = plan.planned;
  std::vector<const ImplementationChoice*> named;
  for (const auto& impl : impls) named.push_back(&impl);
  if (peer) named.push_back(&*peer);
  for (const auto* impl : named) {
    auto hello = outcome.hellos.find(impl->loaded.name);
    run.implementations.push_back({impl->loaded.name,
                                   hello != outcome.hellos.end() ? hello->second.version : "",
                                   impl->loaded.source_file.string()});
  }
  run.duration_ms =
      std::chrono::duration<double, std::milli>(Clock::now() - started_steady).count();

  std::filesystem::path written;
  try {
    written = publish_reports(options.out_dir, utc_time(started, kStampUtc), run, results,
                              suite->catalogue);
  } catch (const std::exception& e) {
    std::cerr << "zconform: reports not written: " << e.what() << "\n";
    return kExitHarnessError;
  }

  auto counts = count_verdicts(results);
  const BaselineCounts gate = count_baseline(results);
  const int known = gate.known_failures;
  std::cout << "\n"
            << results.size() << " cases in " << static_cast<long>(run.duration_ms) << " ms:";
  for (const auto& [verdict, n] : counts) {
    if (n) std::cout << " " << n << " " << to_string(verdict);
  }
  std::set<std::string> baselines;
  for (const auto& leg : legs) {
    if (leg.baseline) baselines.insert(leg.baseline->file.string());
    for (const auto& b : leg.inherited) baselines.insert(b.baseline.file.string());
  }
  if (!baselines.empty()) {
    std::cout << " (" << known << " known failures in";
    for (const auto& file : baselines) std::cout << " " << file;
    std::cout << ")";
  }
  for (const auto& r : results) {
    if (r.baseline_unexpected_pass)
      std::cout << "\nunexpected pass (remove it from the baseline): " << r.id;
  }
  if (options.shard_count > 1) {
    std::cout << "\nshard " << options.shard_index << "/" << options.shard_count << ": "
              << results.size() << " of the plan's " << plan.planned
              << " cases; join the shards' reports with: zconform merge DIR...";
  }
  std::cout << "\nreports: " << written.string() << " (and "
            << (options.out_dir / "latest").string()
            << "): report.html, summary.md, report.json, junit.xml\n";

  if (counts[Verdict::error] > 0 || !suite->scenarios.errors.empty()) return kExitHarnessError;
  if (gate.regressions > 0) return kExitFailures;
  return kExitOk;
}

}  // namespace zconform
