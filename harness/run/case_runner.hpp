#pragma once
// Plays one expanded case against the agents and turns whatever happens into a CaseResult.
// Whatever goes wrong, run() returns a result with a verdict: nothing started is ever lost.
#include "run/agent_pool.hpp"
#include "run/case_result.hpp"
#include "run/run_settings.hpp"
#include "scenario/expansion.hpp"

namespace zconform {

class CaseRunner {
 public:
  CaseRunner(AgentPool& pool, const RunSettings& settings) : pool_(pool), settings_(settings) {}
  CaseResult run(const CaseSpec& spec, size_t case_number);

 private:
  AgentPool& pool_;
  const RunSettings& settings_;
};

}  // namespace zconform
