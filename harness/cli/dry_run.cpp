#include "cli/dry_run.hpp"

#include <iostream>
#include <map>

#include "cli/commands.hpp"
#include "run/agent_pool.hpp"
#include "run/capabilities.hpp"
#include "run/linking.hpp"

namespace zconform {

int print_dry_run(const CasePlan& plan, const std::vector<RunLeg>& legs) {
  AgentPool pool(std::chrono::seconds(10));
  std::map<std::string, const AgentHello*> hellos;  // nullptr: the agent did not answer
  int status = kExitOk;
  for (const auto& leg : legs) {
    for (const auto* side : {leg.a, leg.b}) {
      const std::string& name = side->loaded.name;
      if (hellos.count(name)) continue;
      try {
        hellos[name] = &pool.get(side->loaded).hello();
      } catch (const AgentFailure& e) {
        std::cerr << "zconform: the " << name << " agent cannot say what it offers: " << e.what()
                  << "\n";
        hellos[name] = nullptr;
        status = kExitHarnessError;
      }
    }
  }
  size_t unsupported = 0;
  for (const auto& planned : plan.cases) {
    const std::string id = planned.spec->id + planned.leg->case_id_suffix;
    const AgentHello* a = hellos[planned.leg->a->loaded.name];
    const AgentHello* b = hellos[planned.leg->b->loaded.name];
    if (!a || !b) {
      std::cout << "run          " << id << "  (capabilities unknown)\n";
      continue;
    }
    const bool same_process = planned.leg->a->loaded.name == planned.leg->b->loaded.name &&
                              !planned.spec->scenario->separate_processes;
    auto gap = capability_gap(*planned.spec, same_process, [&](Role role) -> const AgentHello& {
      return role == Role::a ? *a : *b;
    });
    if (!gap && !has_loopback_endpoint(planned.spec->transport)) {
      gap = CapabilityGap{
          "a loopback endpoint",
          "zconform has no loopback-only endpoint scheme for " + planned.spec->transport};
    }
    if (gap) {
      ++unsupported;
      std::cout << "unsupported  " << id << ": " << gap->actual << "\n";
    } else {
      std::cout << "run          " << id << "\n";
    }
  }
  for (const auto& skipped : plan.skipped)
    std::cout << "skip         " << skipped.id << ": " << skipped.reason << "\n";
  std::cout << "\n"
            << plan.cases.size() << " cases would run (" << unsupported
            << " of them end UNSUPPORTED), " << plan.skipped.size() << " skipped, "
            << plan.unmatched << " not matching the filter; " << plan.planned
            << " in the whole plan\n";
  pool.shut_down_all();
  return status;
}

}  // namespace zconform
