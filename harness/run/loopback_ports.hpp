#pragma once
// tcp ports for endpoints that a case leaves and binds again (unbind then bind, restart). A port
// the kernel picked (a wildcard bind) is an ephemeral one, and between the unbind and the new
// bind any outgoing connection may take it as its source port: even the connector's own reconnect
// attempt, which then connects to itself (TCP simultaneous open) and keeps the port, so the bind
// fails with EADDRINUSE now and then. Ports below the kernel's ephemeral range are never handed
// out that way.
//
// Nothing stops another process from binding such a port between the unbind and the new bind,
// though: two zconform processes (parallel ctest jobs, CI shards on one runner) walking the same
// range did, now and then. So each port is leased: a lock file per port under the temp directory,
// held (flock) for as long as the lease lives, which every zconform process honours. The lock is
// the kernel's: it goes away with the process, whatever way it ends.
#include <optional>

namespace zconform {

class PortLease {
 public:
  PortLease(int port, int lock_fd) : port_(port), lock_fd_(lock_fd) {}
  PortLease(PortLease&& other) noexcept;
  PortLease& operator=(PortLease&& other) noexcept;
  PortLease(const PortLease&) = delete;
  PortLease& operator=(const PortLease&) = delete;
  ~PortLease();

  int port() const { return port_; }

 private:
  int port_;
  int lock_fd_;  // -1 where no lock directory could be made: the bind test alone then guards
};

// A port on 127.0.0.1 below the ephemeral range that no other lease holds and nothing listens on
// now; nullopt when the range leaves no room below it (the caller then binds a wildcard as usual).
std::optional<PortLease> lease_loopback_port();

}  // namespace zconform
