#include "socket_types.hpp"

#include <zmq.h>

#include <algorithm>
#include <array>

namespace zconform::libzmq_agent {

namespace {

// The draft numbers are spelled out because zmq.h defines ZMQ_SERVER etc. only under
// ZMQ_BUILD_DRAFT_API; they are libzmq 4.3's values.
constexpr std::array kSocketTypes{
    SocketTypeSpec{"PAIR", ZMQ_PAIR, false},     SocketTypeSpec{"PUB", ZMQ_PUB, false},
    SocketTypeSpec{"SUB", ZMQ_SUB, false},       SocketTypeSpec{"REQ", ZMQ_REQ, false},
    SocketTypeSpec{"REP", ZMQ_REP, false},       SocketTypeSpec{"DEALER", ZMQ_DEALER, false},
    SocketTypeSpec{"ROUTER", ZMQ_ROUTER, false}, SocketTypeSpec{"PULL", ZMQ_PULL, false},
    SocketTypeSpec{"PUSH", ZMQ_PUSH, false},     SocketTypeSpec{"XPUB", ZMQ_XPUB, false},
    SocketTypeSpec{"XSUB", ZMQ_XSUB, false},     SocketTypeSpec{"STREAM", ZMQ_STREAM, false},
    SocketTypeSpec{"SERVER", 12, true},          SocketTypeSpec{"CLIENT", 13, true},
    SocketTypeSpec{"RADIO", 14, true},           SocketTypeSpec{"DISH", 15, true},
    SocketTypeSpec{"GATHER", 16, true},          SocketTypeSpec{"SCATTER", 17, true},
    SocketTypeSpec{"DGRAM", 18, true},           SocketTypeSpec{"PEER", 19, true},
    SocketTypeSpec{"CHANNEL", 20, true},
};

}  // namespace

const SocketTypeSpec* find_socket_type(std::string_view name) {
  auto it = std::find_if(kSocketTypes.begin(), kSocketTypes.end(),
                         [name](const SocketTypeSpec& spec) { return spec.name == name; });
  return it == kSocketTypes.end() ? nullptr : &*it;
}

std::vector<std::string> creatable_socket_types() {
  // No draft type, for two reasons. This agent does not carry a message's routing id or group
  // (protocol 2) yet. And a libzmq built without the draft API still creates them: Debian's
  // 4.3.4 makes a ZMQ_CLIENT socket, then aborts the process at its first handshake, asserting in
  // mechanism.cpp:118 (socket_type_string's names end before the draft types unless
  // ZMQ_BUILD_DRAFT_API). zeromq.js's agent has the draft types.
  std::vector<std::string> names;
  for (const SocketTypeSpec& spec : kSocketTypes) {
    if (!spec.draft) names.emplace_back(spec.name);
  }
  return names;
}

}  // namespace zconform::libzmq_agent
