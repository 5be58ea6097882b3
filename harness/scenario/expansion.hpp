#pragma once
// Scenarios x pairings x transports x bind direction -> cases, each with a stable ID:
//   <scenario id>/<TYPE_A>-<TYPE_B>/<transport>/<binding type>-binds
// e.g. "reqrep.roundtrip/REQ-REP/tcp/REP-binds". Wire cases (`peer: raw`) say "iut-binds" or
// "raw-binds", since their A is always the implementation and B the raw peer. IDs contain no glob
// characters, so an ID is also a filter that selects exactly that case.
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace zconform {

struct CaseSpec {
  std::string id;
  const Scenario* scenario = nullptr;
  Pairing pairing;
  std::string transport;
  Role binder = Role::b;

  const std::string& type_of(Role role) const {
    return role == Role::a ? pairing.type_a : pairing.type_b;
  }
  const std::string& socket_type(const std::string& socket) const {
    return scenario->socket_type(socket, pairing);
  }
};

std::vector<CaseSpec> expand_cases(const std::vector<Scenario>& scenarios);

// Shell-style glob over case IDs ('*' also crosses '/'); an empty pattern selects all.
bool case_matches(const std::string& id, const std::string& glob);

}  // namespace zconform
