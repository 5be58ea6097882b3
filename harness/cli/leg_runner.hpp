#pragma once
// Plays the planned cases, leg by leg: each leg on its own agents (its own pool and ipc
// directory), up to `jobs` legs at a time, so the legs of an interop matrix overlap while the cases
// of one leg keep their order. Results come back in plan order whatever finished first.
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "agent/agent_client.hpp"
#include "cli/run_plan.hpp"
#include "run/case_result.hpp"
#include "run/run_settings.hpp"

namespace zconform {

using PlannedCase = std::pair<const RunLeg*, const CaseSpec*>;

struct LegRunOutcome {
  std::vector<CaseResult> results;           // in plan order
  std::map<std::string, AgentHello> hellos;  // by implementation name
  int agent_restarts = 0;
};

// `shared` holds what every case shares (strictness, caps, tables); the leg fills in the rest.
// `on_result(result, number)` is called as each case ends, from the thread that ran it, one call
// at a time.
LegRunOutcome run_legs(const std::vector<PlannedCase>& plan, const RunSettings& shared, int jobs,
                       const std::function<void(const CaseResult&, size_t)>& on_result);

}  // namespace zconform
