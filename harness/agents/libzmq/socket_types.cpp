#include "socket_types.hpp"

#include <zmq.h>

#include "draft_api.hpp"

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

bool can_create(void* context, int zmq_type) {
  void* socket = zmq_socket(context, zmq_type);
  if (socket == nullptr) return false;
  zmq_close(socket);
  return true;
}

}  // namespace

const SocketTypeSpec* find_socket_type(std::string_view name) {
  auto it = std::find_if(kSocketTypes.begin(), kSocketTypes.end(),
                         [name](const SocketTypeSpec& spec) { return spec.name == name; });
  return it == kSocketTypes.end() ? nullptr : &*it;
}

std::vector<std::string> creatable_socket_types() {
  // Draft types only from a library that has the draft API (draft_api.hpp): one built without it
  // still creates them, then aborts at their first handshake. Debian's 4.3.4 makes a ZMQ_CLIENT
  // socket and asserts in mechanism.cpp:118 (socket_type_string's names end before the draft
  // types unless ZMQ_BUILD_DRAFT_API).
  std::vector<std::string> names;
  void* scratch = draft_api().available ? zmq_ctx_new() : nullptr;
  for (const SocketTypeSpec& spec : kSocketTypes) {
    if (!spec.draft || (scratch != nullptr && can_create(scratch, spec.zmq_type)))
      names.emplace_back(spec.name);
  }
  // The probe sockets are closed and had no peers, so termination does not wait.
  if (scratch != nullptr) zmq_ctx_term(scratch);
  return names;
}

}  // namespace zconform::libzmq_agent
