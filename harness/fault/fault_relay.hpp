#pragma once
// A stream relay that sits between a connecting socket and the socket it connects to, and breaks
// the network between them on command: the harness's own faulty network, loopback only, no root,
// no netem. The connecting socket connects to endpoint(); each connection it makes is carried to
// the upstream endpoint on a connection of its own. It carries tcp, ws (the WebSocket upgrade and
// frames are bytes to it) and ipc (relay_listener.hpp).
//
// Faults (apply() returns once the relay thread has acted, so the step after sees its effect):
//   cut         every carried connection is reset (RST) on both sides, as by a broken path; a unix
//               socket has no RST: its peer reads end-of-stream, or ECONNRESET if it left data
//   black_hole  nothing moves either way and new connections are accepted but get no upstream, as
//               a path that silently loses packets; restore lets everything held go through intact
//   delay       every chunk is held delay_ms before it is passed on, each direction
//   drip        at most `bytes` octets pass every every_ms, each direction (frames split anywhere)
//   half_close  both ends of every carried connection read end-of-stream (FIN), no RST
//   restore     back to a clean pass-through (held bytes and connections go on)
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "fault/network_fault.hpp"

namespace zconform {

class FaultRelay {
 public:
  // Relays to `upstream`: "tcp://127.0.0.1:N", "ws://127.0.0.1:N/path" or "ipc:///path" (loopback
  // only). Throws std::runtime_error when it cannot listen or the endpoint is not one of those.
  explicit FaultRelay(const std::string& upstream);
  ~FaultRelay();
  FaultRelay(const FaultRelay&) = delete;
  FaultRelay& operator=(const FaultRelay&) = delete;

  const std::string& endpoint() const;  // where the connecting socket goes, upstream's transport
  void apply(const NetworkFault& fault);
  // What it carried: connections accepted, upstream refusals, octets each way, faults applied.
  nlohmann::json stats() const;

 private:
  struct Loop;
  std::unique_ptr<Loop> loop_;
};

}  // namespace zconform
