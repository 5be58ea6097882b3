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

// One shard's run, as a merged report remembers it.
struct ShardInfo {
  int index = 1;
  std::string command;
  std::string started_at;
  double duration_ms = 0;
};

struct RunInfo {
  std::string started_at;  // ISO 8601, UTC
  double duration_ms = 0;  // wall time (of a merged report: its longest shard)
  std::string zconform_version;
  std::string command;  // how zconform was invoked
  std::string filter;
  std::vector<ImplementationInfo> implementations;
  int agent_restarts = 0;
  int jobs = 1;
  int repeat = 1;
  int shard_index = 1;  // --shard I/N; 1/1 for a whole run (and a merged one)
  int shard_count = 1;
  size_t planned = 0;                    // cases in the whole plan, every shard together
  std::vector<ShardInfo> merged_shards;  // a merged report's shards, in order
};

std::map<Verdict, int> count_verdicts(const std::vector<CaseResult>& results);

// What the baseline made of the results (gate/baseline.hpp).
struct BaselineCounts {
  int known = 0;  // cases with the verdict their baseline entry expects (fail or non-strict)
  int known_failures =
      0;  // of those, the ones whose verdict is fail (or flaky): not against the gate
  int unexpected_passes = 0;
  int regressions = 0;  // fail or flaky (or error) that no baseline expects: what fails the gate
};
BaselineCounts count_baseline(const std::vector<CaseResult>& results);

// A case that fails the CI gate: fail, flaky or error, and no baseline entry expects it.
bool is_regression(const CaseResult& r);

}  // namespace zconform
