#include <stdlib.h>

#include <ctime>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/paths.hpp"
#include "cli/run_plan.hpp"
#include "cli/suite_loading.hpp"
#include "gate/baseline.hpp"
#include "report/publish.hpp"
#include "run/case_runner.hpp"
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

// ipc:// paths are limited to 107 bytes, so they live in a short private directory.
struct IpcDir {
  std::filesystem::path path;
  IpcDir() {
    char pattern[] = "/tmp/zconform-XXXXXX";
    if (!::mkdtemp(pattern))
      throw std::runtime_error("cannot create a directory for ipc endpoints in /tmp");
    path = pattern;
  }
  ~IpcDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

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
    if (!options.peer.empty() || !options.peer_file.empty()) {
      if (impls.size() != 1)
        throw FileError("--peer pairs with one implementation; several make their own pairs");
      PathVariables vars{executable_dir(), source_dir()};
      auto registry = options.common.conformance_dir / "implementations";
      peer = ImplementationChoice{options.peer, options.peer_file, {}};
      peer->loaded = options.peer_file.empty()
                         ? load_registered_implementation(registry, options.peer, vars)
                         : load_implementation_file(options.peer_file, vars);
    }
    legs = plan_legs(options, impls, peer, suite->catalogue);
  } catch (const FileError& e) {
    std::cerr << "zconform: " << e.what() << "\n";
    return kExitHarnessError;
  }
  for (const auto& error : suite->scenarios.errors) std::cerr << "zconform: " << error << "\n";

  // The cases of each leg, in order: each alone first, then the pairs.
  std::vector<std::pair<const RunLeg*, const CaseSpec*>> plan;
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

  IpcDir ipc_dir;
  AgentPool pool(std::chrono::seconds(10));
  std::vector<CaseResult> results;
  results.reserve(plan.size());
  for (size_t i = 0; i < plan.size(); ++i) {
    const auto& [leg, spec] = plan[i];
    RunSettings settings;
    settings.impl_a = leg->a->loaded;
    settings.impl_b = leg->b->loaded;
    settings.case_id_suffix = leg->case_id_suffix;
    settings.ipc_dir = ipc_dir.path;
    settings.strict = options.strict;
    settings.deadline_cap_ms = options.deadline_ms;
    settings.catalogue = &suite->catalogue;
    settings.pairings = &suite->pairings;
    settings.rerun_prefix = leg->rerun_prefix;
    CaseRunner runner(pool, settings);
    results.push_back(runner.run(*spec, i + 1));
    if (leg->baseline) apply_baseline(*leg->baseline, results.back());
    print_result(results.back(), i + 1, plan.size(), options.quiet);
  }

  RunInfo run;
  run.started_at = utc_time(std::chrono::system_clock::to_time_t(started), "%Y-%m-%dT%H:%M:%SZ");
  run.zconform_version = ZCONFORM_VERSION;
  run.command = options.command_line;
  run.filter = options.common.filter;
  run.agent_restarts = pool.restarts();
  std::vector<const ImplementationChoice*> named;
  for (const auto& impl : impls) named.push_back(&impl);
  if (peer) named.push_back(&*peer);
  for (const auto* impl : named) {
    auto hello = pool.hellos().find(impl->loaded.name);
    run.implementations.push_back({impl->loaded.name,
                                   hello != pool.hellos().end() ? hello->second.version : "",
                                   impl->loaded.source_file.string()});
  }
  pool.shut_down_all();
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
