#include "cli/leg_runner.hpp"

#include <stdlib.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "run/agent_pool.hpp"
#include "run/case_runner.hpp"

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

}  // namespace

LegRunOutcome run_legs(const std::vector<PlannedCase>& plan, const RunSettings& shared, int jobs,
                       const std::function<void(const CaseResult&, size_t)>& on_result) {
  // The plan lists each leg's cases together: one span [begin, end) per leg.
  std::vector<std::pair<size_t, size_t>> spans;
  for (size_t i = 0; i < plan.size(); ++i) {
    if (spans.empty() || plan[spans.back().first].first != plan[i].first) spans.emplace_back(i, i);
    spans.back().second = i + 1;
  }
  LegRunOutcome outcome;
  outcome.results.resize(plan.size());
  std::mutex lock;  // guards on_result and the outcome's hellos and restarts
  std::atomic<size_t> next_span{0};

  const size_t threads = std::min<size_t>(std::max(jobs, 1), spans.size());
  std::vector<IpcDir> ipc_dirs(threads);  // made here: a worker thread has nothing that throws
  auto worker = [&](const IpcDir& ipc_dir) {
    for (size_t k; (k = next_span++) < spans.size();) {
      AgentPool pool(std::chrono::seconds(10));
      const RunLeg& leg = *plan[spans[k].first].first;
      RunSettings settings = shared;
      settings.impl_a = leg.a->loaded;
      settings.impl_b = leg.b->loaded;
      settings.case_id_suffix = leg.case_id_suffix;
      settings.ipc_dir = ipc_dir.path;
      settings.rerun_prefix = leg.rerun_prefix;
      CaseRunner runner(pool, settings);
      for (size_t i = spans[k].first; i < spans[k].second; ++i) {
        CaseResult result = runner.run(*plan[i].second, i + 1);
        leg.apply_baselines(result);
        std::lock_guard<std::mutex> guard(lock);
        on_result(result, i + 1);
        outcome.results[i] = std::move(result);
      }
      pool.shut_down_all();
      std::lock_guard<std::mutex> guard(lock);
      for (const auto& [name, hello] : pool.hellos()) outcome.hellos[name] = hello;
      outcome.agent_restarts += pool.restarts();
    }
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
