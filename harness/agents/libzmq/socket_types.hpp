#pragma once
// Socket type names (PAIR, PUB, ...) to libzmq numbers, and which of them this libzmq builds.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zconform::libzmq_agent {

struct SocketTypeSpec {
  std::string_view name;
  int zmq_type;
  bool draft;  // only usable when libzmq was built with draft sockets
};

// nullptr when the name is not a ZeroMQ socket type at all.
const SocketTypeSpec* find_socket_type(std::string_view name);

// The types hello offers: the twelve standard ones, and the draft types zmq_socket() accepts
// where the library has the draft API.
std::vector<std::string> creatable_socket_types();

}  // namespace zconform::libzmq_agent
