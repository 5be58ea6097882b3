#include "cli/case_plan.hpp"

namespace zconform {

CasePlan plan_cases(const std::vector<RunLeg>& legs, const std::vector<CaseSpec>& cases,
                    const std::string& filter, int shard_index, int shard_count) {
  CasePlan plan;
  for (const auto& leg : legs) {
    for (const auto& spec : cases) {
      const std::string id = spec.id + leg.case_id_suffix;
      if (!case_matches(id, filter)) {
        ++plan.unmatched;
        continue;
      }
      if (!leg.plays(spec)) {
        plan.skipped.push_back(
            {id, "a wire case has the raw peer as its other side: it runs alone, not in a pair"});
        continue;
      }
      const size_t number = ++plan.planned;
      if (shard_count > 1 && (number - 1) % shard_count != static_cast<size_t>(shard_index - 1)) {
        plan.skipped.push_back({id, "in shard " + std::to_string((number - 1) % shard_count + 1) +
                                        "/" + std::to_string(shard_count)});
        continue;
      }
      plan.cases.push_back({&leg, &spec, number});
    }
  }
  return plan;
}

}  // namespace zconform
