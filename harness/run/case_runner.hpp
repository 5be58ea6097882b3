#pragma once
// Plays one expanded case against the agents and turns whatever happens into a CaseResult.
// Whatever goes wrong, run() returns a result with a verdict: nothing started is ever lost.
#include <filesystem>
#include <string>

#include "agent/implementation.hpp"
#include "run/agent_pool.hpp"
#include "run/case_result.hpp"
#include "scenario/clauses.hpp"
#include "scenario/expansion.hpp"

namespace zconform {

struct RunSettings {
  Implementation impl_a;  // plays role A (the first type of each pairing)
  Implementation impl_b;  // plays role B
  bool strict = false;    // SHOULD clauses broken -> fail instead of non-strict
  int deadline_cap_ms = 0;  // > 0: no case runs longer, whatever its scenario says
  std::filesystem::path ipc_dir;  // where ipc:// endpoints live (short: paths max 107 bytes)
  std::string rerun_prefix;       // "build/zconform run --impl libzmq"; the case filter is appended
  const ClauseCatalogue* catalogue = nullptr;
};

class CaseRunner {
 public:
  CaseRunner(AgentPool& pool, const RunSettings& settings) : pool_(pool), settings_(settings) {}
  CaseResult run(const CaseSpec& spec, size_t case_number);

 private:
  AgentPool& pool_;
  const RunSettings& settings_;
};

}  // namespace zconform
