#pragma once
// Plays the planned cases on `jobs` workers at once. Each worker has its own agents (one pool per
// leg it is on) and its own ipc directory, so cases never share a port, an ipc path or an inproc
// name: verdicts do not depend on how many run together. Workers spread over the legs and share a
// leg case by case when there are fewer legs than workers, so a single implementation's suite
// scales with the cores and a matrix starts each agent about once. Results come back in plan
// order whatever finished first.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "agent/agent_client.hpp"
#include "cli/case_plan.hpp"
#include "run/case_result.hpp"
#include "run/run_settings.hpp"

namespace zconform {

struct LegRunOutcome {
  std::vector<CaseResult> results;           // in plan order
  std::map<std::string, AgentHello> hellos;  // by implementation name
  int agent_restarts = 0;
};

struct CaseScheduling {
  int jobs = 1;    // workers
  int repeat = 1;  // runs of each case; a case whose verdict changes between runs is flaky
};

// `shared` holds what every case shares (strictness, caps, tables); the leg fills in the rest.
// `on_result(result, done)` is called as each case ends (`done`: how many have ended), from the
// thread that ran it, one call at a time.
LegRunOutcome run_cases(const std::vector<PlannedCase>& plan, const RunSettings& shared,
                        const CaseScheduling& scheduling,
                        const std::function<void(const CaseResult&, size_t)>& on_result);

}  // namespace zconform
