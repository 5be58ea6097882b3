#include <stdlib.h>

#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/paths.hpp"
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

Implementation resolve(const std::string& name, const std::filesystem::path& file,
                       const CommonOptions& common) {
  PathVariables vars{executable_dir(), source_dir()};
  if (!file.empty()) return load_implementation_file(file, vars);
  return load_registered_implementation(common.conformance_dir / "implementations", name, vars);
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
  RunSettings settings;
  try {
    suite = load_suite(options.common);
    settings.impl_a = resolve(options.impl, options.impl_file, options.common);
    bool own_peer = !options.peer.empty() || !options.peer_file.empty();
    settings.impl_b =
        own_peer ? resolve(options.peer, options.peer_file, options.common) : settings.impl_a;
  } catch (const FileError& e) {
    std::cerr << "zconform: " << e.what() << "\n";
    return kExitHarnessError;
  }
  std::optional<Baseline> baseline;
  try {
    std::filesystem::path file = options.baseline;
    if (file.empty() && options.impl_file.empty())
      file = options.common.conformance_dir / "baselines" / (options.impl + ".yaml");
    if (!options.no_baseline && !file.empty() &&
        (!options.baseline.empty() || std::filesystem::exists(file))) {
      baseline = Baseline::load(file, suite->catalogue);
    }
  } catch (const FileError& e) {
    std::cerr << "zconform: " << e.what() << "\n";
    return kExitHarnessError;
  }
  for (const auto& error : suite->scenarios.errors) std::cerr << "zconform: " << error << "\n";
  if (suite->cases.empty()) {
    std::cerr << "zconform: no case matches the filter '" << options.common.filter
              << "' (see zconform list)\n";
    return kExitHarnessError;
  }

  IpcDir ipc_dir;
  settings.ipc_dir = ipc_dir.path;
  settings.strict = options.strict;
  settings.deadline_cap_ms = options.deadline_ms;
  settings.catalogue = &suite->catalogue;
  settings.pairings = &suite->pairings;
  const bool own_conformance = options.common.conformance_dir != source_dir() / "conformance";
  settings.rerun_prefix =
      executable_dir().string() + "/zconform run " +
      (own_conformance ? "--conformance " + options.common.conformance_dir.string() + " " : "") +
      (options.impl_file.empty() ? "--impl " + options.impl
                                 : "--impl-file " + options.impl_file.string()) +
      (options.peer.empty() ? "" : " --peer " + options.peer) +
      (options.peer_file.empty() ? "" : " --peer-file " + options.peer_file.string()) +
      (options.strict ? " --strict" : "") +
      (options.deadline_ms ? " --deadline-ms " + std::to_string(options.deadline_ms) : "");

  AgentPool pool(std::chrono::seconds(10));
  CaseRunner runner(pool, settings);
  std::vector<CaseResult> results;
  results.reserve(suite->cases.size());
  for (size_t i = 0; i < suite->cases.size(); ++i) {
    results.push_back(runner.run(suite->cases[i], i + 1));
    if (baseline) apply_baseline(*baseline, results.back());
    print_result(results.back(), i + 1, suite->cases.size(), options.quiet);
  }

  RunInfo run;
  run.started_at = utc_time(std::chrono::system_clock::to_time_t(started), "%Y-%m-%dT%H:%M:%SZ");
  run.zconform_version = ZCONFORM_VERSION;
  run.command = options.command_line;
  run.filter = options.common.filter;
  run.agent_restarts = pool.restarts();
  for (const auto* impl : {&settings.impl_a, &settings.impl_b}) {
    if (!run.implementations.empty() && run.implementations.back().name == impl->name) continue;
    auto hello = pool.hellos().find(impl->name);
    run.implementations.push_back({impl->name,
                                   hello != pool.hellos().end() ? hello->second.version : "",
                                   impl->source_file.string()});
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
  if (baseline)
    std::cout << " (" << known << " known failures in " << baseline->file.string() << ")";
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
