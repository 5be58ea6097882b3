#include "scenario/expansion.hpp"

#include <fnmatch.h>

namespace zconform {
namespace {

bool one_socket_per_role(const Scenario& s) {
  int a = 0, b = 0;
  for (const auto& [name, role] : s.sockets) (role == Role::a ? a : b) += 1;
  return a == 1 && b == 1;
}

}  // namespace

std::vector<CaseSpec> expand_cases(const std::vector<Scenario>& scenarios) {
  std::vector<CaseSpec> cases;
  for (const auto& scenario : scenarios) {
    for (const auto& pairing : scenario.pairings) {
      for (const auto& transport : scenario.transports) {
        for (size_t i = 0; i < scenario.binders.size(); ++i) {
          CaseSpec c;
          c.scenario = &scenario;
          c.pairing = pairing;
          c.transport = transport;
          c.binder = scenario.binders[i];
          // With one socket of one type on each side, the other direction is the same case.
          if (i > 0 && pairing.type_a == pairing.type_b && one_socket_per_role(scenario)) break;
          // Wire cases: A is always the implementation and B the raw peer, whatever their types.
          // A pairing of one type with several sockets on a side binds both ways, and the type
          // alone would name both cases alike: the role says which side binds.
          std::string binder =
              scenario.raw_peer ? (c.binder == Role::a ? "iut" : "raw") : c.type_of(c.binder);
          if (!scenario.raw_peer && pairing.type_a == pairing.type_b &&
              !one_socket_per_role(scenario) && scenario.binders.size() > 1) {
            binder = role_name(c.binder);
          }
          c.id = scenario.id + "/" + pairing.name() + "/" + transport + "/" + binder + "-binds";
          cases.push_back(std::move(c));
        }
      }
    }
  }
  return cases;
}

bool case_matches(const std::string& id, const std::string& glob) {
  return glob.empty() || ::fnmatch(glob.c_str(), id.c_str(), 0) == 0;
}

}  // namespace zconform
