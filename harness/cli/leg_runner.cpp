#include "cli/leg_runner.hpp"

#include <stdlib.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "run/agent_pool.hpp"
#include "run/case_runner.hpp"
#include "run/repeated_case.hpp"

namespace zconform {
namespace {

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

// A worker's agents for the leg it is on: replaced when its next case belongs to another leg.
struct LegAgents {
  const RunLeg* leg;
  RunSettings settings;
  AgentPool pool;
  CaseRunner runner;
  LegAgents(const RunLeg& l, const RunSettings& shared, const IpcDir& ipc_dir)
      : leg(&l),
        settings(for_leg(l, shared, ipc_dir)),
        pool(settings.scaled(std::chrono::milliseconds(10000))),
        runner(pool, settings) {}

  static RunSettings for_leg(const RunLeg& leg, const RunSettings& shared, const IpcDir& ipc_dir) {
    RunSettings settings = shared;
    settings.impl_a = leg.a->loaded;
    settings.impl_b = leg.b->loaded;
    settings.case_id_suffix = leg.case_id_suffix;
    settings.ipc_dir = ipc_dir.path;
    settings.rerun_prefix = leg.rerun_prefix;
    return settings;
  }
};

}  // namespace

LegRunOutcome run_cases(const std::vector<PlannedCase>& plan, const RunSettings& shared,
                        const CaseScheduling& scheduling,
                        const std::function<void(const CaseResult&, size_t)>& on_result) {
  LegRunOutcome outcome;
  outcome.results.resize(plan.size());
  std::mutex lock;  // guards on_result, `done` and the outcome's hellos and restarts
  size_t done = 0;
  std::atomic<size_t> next{0};

  const size_t threads = std::min<size_t>(std::max(scheduling.jobs, 1), plan.size());
  std::vector<IpcDir> ipc_dirs(threads);  // made here: a worker thread has nothing that throws
  auto leave = [&](std::unique_ptr<LegAgents>& agents) {
    if (!agents) return;
    agents->pool.shut_down_all();
    std::lock_guard<std::mutex> guard(lock);
    for (const auto& [name, hello] : agents->pool.hellos()) outcome.hellos[name] = hello;
    outcome.agent_restarts += agents->pool.restarts();
    agents.reset();
  };
  auto worker = [&](const IpcDir& ipc_dir) {
    std::unique_ptr<LegAgents> agents;
    for (size_t i; (i = next++) < plan.size();) {
      const PlannedCase& planned = plan[i];
      if (!agents || agents->leg != planned.leg) {
        leave(agents);
        agents = std::make_unique<LegAgents>(*planned.leg, shared, ipc_dir);
      }
      CaseResult result =
          play_repeatedly(agents->runner, *planned.spec, planned.number, scheduling.repeat);
      planned.leg->apply_baselines(result);
      std::lock_guard<std::mutex> guard(lock);
      on_result(result, ++done);
      outcome.results[i] = std::move(result);
    }
    leave(agents);
  };
  if (threads <= 1) {
    if (threads == 1) worker(ipc_dirs.front());
    return outcome;
  }
  std::vector<std::thread> workers;
  for (size_t t = 0; t < threads; ++t) workers.emplace_back(worker, std::cref(ipc_dirs[t]));
  for (auto& t : workers) t.join();
  return outcome;
}

}  // namespace zconform
