#pragma once
// Where the fault relay listens and where it connects: the transport of the endpoint it stands in
// front of. tcp and ws listen on 127.0.0.1 with a port the kernel picks (ws keeps the upstream's
// path, so the WebSocket upgrade asks for the resource the binder serves); ipc listens on the
// upstream's path with "-relay" appended, in the same short directory.
#include <sys/socket.h>

#include <string>

namespace zconform {

struct RelayListener {
  int fd = -1;                  // listening, non-blocking
  std::string endpoint;         // where the connecting socket goes, same scheme as the upstream
  std::string ipc_path;         // ipc: the listening path, removed by close_relay_listener
  sockaddr_storage upstream{};  // what each carried connection connects to
  socklen_t upstream_length = 0;
};

// Throws std::runtime_error naming the endpoint: malformed, off loopback, or another transport.
RelayListener open_relay_listener(const std::string& upstream);
void close_relay_listener(RelayListener& listener);

}  // namespace zconform
