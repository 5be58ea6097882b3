// A libzmq socket bound on an ipc endpoint in this process, and one raw connection to it per
// input: connect, write the input's bytes, half-close, and serve the socket (read what libzmq
// sends, receive what it delivers) until libzmq closes the connection. libzmq's engine, session
// and pipes run exactly as they do for a remote peer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/socket_kinds.hpp"

namespace zconform::fuzz {

struct Exchange {
  std::vector<Message> delivered;  // in the order the application received them
  size_t bytes_from_libzmq = 0;
};

// Plays one connection to a libzmq socket of socket_kinds()[index]. Returns once libzmq has closed
// it, delivered what it will and released everything (the context is terminated); aborts (a
// finding) when libzmq neither closes the connection nor reads within the deadline.
Exchange play_connection(size_t index, std::string_view bytes);

}  // namespace zconform::fuzz
