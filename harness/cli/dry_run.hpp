#pragma once
// `zconform run --dry-run`: the cases a run would play, and why each other case it matches would
// not be played (another shard, a wire case in a pair leg) or would end UNSUPPORTED (asked of
// each implementation's agent through its hello: nothing else is sent, no case is played).
#include "cli/case_plan.hpp"

namespace zconform {

// Prints the plan on stdout; returns the exit code (2 when an agent cannot say what it offers).
int print_dry_run(const CasePlan& plan, const std::vector<RunLeg>& legs);

}  // namespace zconform
