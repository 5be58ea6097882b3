#include "cli/leg_runner.hpp"

#include <stdlib.h>

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

// Hands out the plan's cases. A worker stays on its leg while the leg has cases left (its agents
// stay up); a worker without one joins the leg with the fewest workers, the earliest on a tie.
// So the legs of a matrix spread over the workers (each agent starts about once), and a single
// leg, or the last legs of a matrix, are shared case by case.
class CaseDealer {
 public:
  explicit CaseDealer(const std::vector<PlannedCase>& plan) {
    // The plan lists each leg's cases together: one span [next, end) per leg.
    for (size_t i = 0; i < plan.size(); ++i) {
      if (spans_.empty() || plan[spans_.back().next].leg != plan[i].leg)
        spans_.push_back({i, i, 0});
      spans_.back().end = i + 1;
    }
  }

  static constexpr size_t kNone = static_cast<size_t>(-1);

  // The next case for a worker on span `*span` (kNone: on none), which is updated; nullopt when
  // every case has been handed out.
  std::optional<size_t> next(size_t* span) {
    std::lock_guard<std::mutex> guard(lock_);
    if (*span != kNone && spans_[*span].next < spans_[*span].end) return spans_[*span].next++;
    if (*span != kNone) --spans_[*span].workers;
    *span = kNone;
    for (size_t k = 0; k < spans_.size(); ++k) {
      if (spans_[k].next == spans_[k].end) continue;
      if (*span == kNone || spans_[k].workers < spans_[*span].workers) *span = k;
    }
    if (*span == kNone) return std::nullopt;
    ++spans_[*span].workers;
    return spans_[*span].next++;
  }

 private:
  struct Span {
    size_t next, end;
    int workers;
  };
  std::mutex lock_;
  std::vector<Span> spans_;
};

}  // namespace

LegRunOutcome run_cases(const std::vector<PlannedCase>& plan, const RunSettings& shared,
                        const CaseScheduling& scheduling,
                        const std::function<void(const CaseResult&, size_t)>& on_result) {
  LegRunOutcome outcome;
  outcome.results.resize(plan.size());
  std::mutex lock;  // guards on_result, `done` and the outcome's hellos and restarts
  size_t done = 0;
  CaseDealer dealer(plan);

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
    size_t span = CaseDealer::kNone;
    while (auto i = dealer.next(&span)) {
      const PlannedCase& planned = plan[*i];
      if (!agents || agents->leg != planned.leg) {
        leave(agents);
        agents = std::make_unique<LegAgents>(*planned.leg, shared, ipc_dir);
      }
      CaseResult result =
          play_repeatedly(agents->runner, *planned.spec, planned.number, scheduling.repeat);
      planned.leg->apply_baselines(result);
      std::lock_guard<std::mutex> guard(lock);
      on_result(result, ++done);
      outcome.results[*i] = std::move(result);
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
