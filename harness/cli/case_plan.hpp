#pragma once
// Which cases a run plays, in which order, and why the others are not played: the legs' cases
// (each implementation alone, then the pairs), the filter, then the shard. A case's number is its
// place in the whole plan before sharding, so every shard numbers a case alike and `zconform
// merge` puts the shards' cases back in the order of one unsharded run.
#include <string>
#include <vector>

#include "cli/run_plan.hpp"

namespace zconform {

struct PlannedCase {
  const RunLeg* leg = nullptr;
  const CaseSpec* spec = nullptr;
  size_t number = 0;  // 1-based, in the whole plan before sharding
};

struct SkippedCase {
  std::string id;
  std::string reason;
};

struct CasePlan {
  std::vector<PlannedCase> cases;    // this shard's
  std::vector<SkippedCase> skipped;  // matched the filter, not played (another shard, a pair leg)
  size_t planned = 0;                // the whole plan's cases, every shard together
  size_t unmatched = 0;              // cases the filter leaves out
};

// Shard I of N plays the cases numbered I, I+N, I+2N...: every shard gets a share of every leg and
// scenario family, so shards take about the same time.
CasePlan plan_cases(const std::vector<RunLeg>& legs, const std::vector<CaseSpec>& cases,
                    const std::string& filter, int shard_index, int shard_count);

}  // namespace zconform
