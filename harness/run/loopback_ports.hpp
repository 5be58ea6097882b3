#pragma once
// tcp ports for endpoints that a case leaves and binds again (unbind then bind, restart). A port
// the kernel picked (a wildcard bind) is an ephemeral one, and between the unbind and the new
// bind any outgoing connection may take it as its source port: even the connector's own reconnect
// attempt, which then connects to itself (TCP simultaneous open) and keeps the port, so the bind
// fails with EADDRINUSE now and then. Ports below the kernel's ephemeral range are never handed
// out that way. Each is tried with a bind of the harness's own before it is used, and successive
// calls (any thread) walk the range from a start that depends on the process, so parallel
// workers and concurrent zconform processes do not pick the same one.
#include <optional>

namespace zconform {

// A port on 127.0.0.1 below the ephemeral range that nothing listens on now; nullopt when the
// range leaves no room below it (the caller then binds a wildcard as usual).
std::optional<int> stable_loopback_port();

}  // namespace zconform
