#pragma once
// What a report says about the run as a whole, beside its cases.
#include <map>
#include <string>
#include <vector>

#include "run/case_result.hpp"

namespace zconform {

struct ImplementationInfo {
  std::string name;
  std::string version;  // as the agent's hello gave it; empty when it never answered
  std::string file;     // the implementation file
};

struct RunInfo {
  std::string started_at;  // ISO 8601, UTC
  double duration_ms = 0;
  std::string zconform_version;
  std::string command;  // how zconform was invoked
  std::string filter;
  std::vector<ImplementationInfo> implementations;
  int agent_restarts = 0;
};

std::map<Verdict, int> count_verdicts(const std::vector<CaseResult>& results);

// What the baseline made of the results (gate/baseline.hpp).
struct BaselineCounts {
  int known = 0;  // cases with the verdict their baseline entry expects (fail or non-strict)
  int known_failures = 0;  // of those, the ones whose verdict is fail: not counted against the gate
  int unexpected_passes = 0;
};
BaselineCounts count_baseline(const std::vector<CaseResult>& results);

}  // namespace zconform
