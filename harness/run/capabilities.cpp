#include "run/capabilities.hpp"

namespace zconform {

std::optional<CapabilityGap> capability_gap(const CaseSpec& spec, bool same_process,
                                            const std::function<const AgentHello&(Role)>& hello) {
  if (spec.transport == "inproc" && !same_process)
    return CapabilityGap{"inproc between two processes", "inproc cannot join two processes"};
  for (const auto& [name, role] : spec.scenario->sockets) {
    const AgentHello& offered = hello(role);
    const std::string& type = spec.socket_type(name);
    if (!offered.socket_types.count(type)) {
      return CapabilityGap{"socket type " + type,
                           offered.name + " " + offered.version + " does not offer " + type};
    }
    if (!offered.transports.count(spec.transport)) {
      return CapabilityGap{"transport " + spec.transport, offered.name + " " + offered.version +
                                                              " does not offer " + spec.transport};
    }
  }
  return std::nullopt;
}

}  // namespace zconform
