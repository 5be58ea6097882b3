#include "capabilities.hpp"

#include <string>
#include <vector>
#include <zmq.hpp>

#include "draft_api.hpp"
#include "option_table.hpp"
#include "socket_types.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

namespace {

std::vector<std::string> available_transports() {
  // tcp and inproc are always built. zmq_has() spells WebSocket in upper case in 4.3.4, so both
  // spellings are asked in case a later libzmq changes it.
  std::vector<std::string> transports{"tcp", "inproc"};
  struct Probe {
    const char* transport;
    std::vector<const char*> zmq_has_names;
  };
  const std::vector<Probe> probes{
      {"ipc", {"ipc"}},   {"pgm", {"pgm"}},   {"epgm", {"pgm"}},    {"tipc", {"tipc"}},
      {"norm", {"norm"}}, {"vmci", {"vmci"}}, {"ws", {"ws", "WS"}}, {"wss", {"wss", "WSS"}},
  };
  for (const Probe& probe : probes) {
    for (const char* name : probe.zmq_has_names) {
      if (zmq_has(name)) {
        transports.emplace_back(probe.transport);
        break;
      }
    }
  }
  // udp carries RADIO and DISH only, draft types the agent offers with the draft API.
  if (draft_api().available) transports.emplace_back("udp");
  return transports;
}

std::vector<std::string> option_names() {
  std::vector<std::string> names;
  for (const OptionSpec& option : all_options()) names.emplace_back(option.name);
  return names;
}

}  // namespace

Json hello_result() {
  // Probing creates sockets, so do it once; the answer cannot change while the process runs.
  static const Json capabilities = Json{{"socket_types", creatable_socket_types()},
                                        {"transports", available_transports()},
                                        {"options", option_names()},
                                        {"draft", zmq_has("draft") != 0}};
  int major = 0, minor = 0, patch = 0;
  zmq_version(&major, &minor, &patch);
  return Json{{"name", "libzmq"},
              {"version",
               std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch)},
              {"protocol", protocol::kProtocolVersion},
              {"capabilities", capabilities}};
}

}  // namespace zconform::libzmq_agent
