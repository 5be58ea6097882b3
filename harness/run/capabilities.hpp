#pragma once
// Whether the agents can run a case at all: the socket types and transport it needs against what
// each agent's hello offers. Checked before anything is sent (the case ends UNSUPPORTED), and by
// `run --dry-run`, which says which cases would end so without playing them.
#include <functional>
#include <optional>
#include <string>

#include "agent/agent_client.hpp"
#include "scenario/expansion.hpp"

namespace zconform {

struct CapabilityGap {
  std::string expected;  // "socket type CLIENT"
  std::string actual;    // "jeromq 0.3.6 does not offer CLIENT"
};

// The first thing the case needs that an agent lacks; nullopt when they offer everything.
// `same_process`: both roles are in one process (the same implementation, one agent), which
// inproc needs.
std::optional<CapabilityGap> capability_gap(const CaseSpec& spec, bool same_process,
                                            const std::function<const AgentHello&(Role)>& hello);

}  // namespace zconform
