#include <ctime>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/leg_runner.hpp"
#include "cli/run_plan.hpp"
#include "cli/suite_loading.hpp"
#include "gate/baseline.hpp"
#include "report/publish.hpp"
#include "util/yaml_errors.hpp"

namespace zconform {
namespace {

std::string utc_time(std::time_t t, const char* format) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::ostringstream out;
  out << std::put_time(&tm, format);
  return out.str();
}

void print_result(const CaseResult& r, size_t index, size_t total, bool quiet) {
  const bool accepted =
      r.verdict == Verdict::pass || r.verdict == Verdict::unsupported || r.baseline_known;
  if (quiet && accepted && !r.baseline_unexpected_pass) return;
  std::string label(to_string(r.verdict));
  if (r.baseline_known) label += " (known)";
  if (r.baseline_unexpected_pass) label += " (unexpected)";
  std::ostringstream line;
  line << "[" << std::setw(4) << index << "/" << total << "] " << std::left << std::setw(17)
       << label << r.id << " (" << static_cast<long>(r.duration_ms) << " ms)\n";
  if (r.baseline_known || r.baseline_unexpected_pass) {
    line << "        baseline: " << r.baseline_clause << ": " << r.baseline_reason << "\n";
  }
  if (r.verdict != Verdict::pass && !r.baseline_known) {
    line << "        clauses:";
    for (const auto& c : r.clauses) line << " " << c;
    line << "\n        step:     " << r.step << "\n        expected: " << r.expected
         << "\n        actual:   " << r.actual << "\n        rerun:    " << r.rerun << "\n";
  }
  std::cout << line.str() << std::flush;
}

}  // namespace

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

  // The cases of each leg, in order: each alone first, then the pairs.
  std::vector<PlannedCase> plan;
  for (const auto& leg : legs) {
    for (const auto& spec : suite->cases) {
      if (leg.plays(spec) && case_matches(spec.id + leg.case_id_suffix, options.common.filter))
        plan.emplace_back(&leg, &spec);
    }
  }
  if (plan.empty()) {
    std::cerr << "zconform: no case matches the filter '" << options.common.filter
              << "' (see zconform list)\n";
    return kExitHarnessError;
  }

  RunSettings shared;
  shared.strict = options.strict;
  shared.deadline_cap_ms = options.deadline_ms;
  shared.catalogue = &suite->catalogue;
  shared.pairings = &suite->pairings;
  LegRunOutcome outcome =
      run_legs(plan, shared, options.jobs, [&](const CaseResult& result, size_t number) {
        print_result(result, number, plan.size(), options.quiet);
      });
  std::vector<CaseResult>& results = outcome.results;

  RunInfo run;
  run.started_at = utc_time(std::chrono::system_clock::to_time_t(started), "%Y-%m-%dT%H:%M:%SZ");
  run.zconform_version = ZCONFORM_VERSION;
  run.command = options.command_line;
  run.filter = options.common.filter;
  run.agent_restarts = outcome.agent_restarts;
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
    written = publish_reports(
        options.out_dir, utc_time(std::chrono::system_clock::to_time_t(started), "%Y%m%dT%H%M%SZ"),
        run, results);
  } catch (const std::exception& e) {
    std::cerr << "zconform: reports not written: " << e.what() << "\n";
    return kExitHarnessError;
  }

  auto counts = count_verdicts(results);
  const int known = count_baseline(results).known_failures;
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
  std::cout << "\nreports: " << written.string() << " (and "
            << (options.out_dir / "latest").string() << ")\n";

  if (counts[Verdict::error] > 0 || !suite->scenarios.errors.empty()) return kExitHarnessError;
  if (counts[Verdict::fail] > known) return kExitFailures;
  return kExitOk;
}

}  // namespace zconform
