#pragma once
// Sockets and their connections in a case: creating them in the role's context, endpoints on the
// case's transport, binding and connecting (through the fault relay where one stands in front),
// waiting for handshakes by monitor events, and filing each agent's events in the result.
#include <string>
#include <vector>

#include "run/case_context.hpp"

namespace zconform {

// How many `name` events the socket with agent handle `handle` has reported.
int count_events(const std::vector<MonitorEvent>& events, const std::string& handle,
                 const std::string& name);
// Transports on which libzmq-like implementations report HANDSHAKE_SUCCEEDED through monitors.
bool has_monitor_events(const std::string& transport);
// Ends the case where `event` cannot be seen on `s`: an error where the case's transport has no
// monitor events, UNSUPPORTED where the socket's agent cannot report that event.
void require_monitor_event(const CaseContext& cx, const SocketSlot& s, const std::string& event);

// The agent's context for this case, created (with the scenario's options) on first use.
std::string context_for(CaseContext& cx, AgentClient& agent);
// The socket in its agent, with a monitor and the routing id pairings.yaml gives it.
void create_socket(CaseContext& cx, SocketSlot& s);

// Whether zconform can make an endpoint of `transport` that stays on loopback (tcp, ws, ipc,
// inproc, udp; not tipc, pgm, epgm, norm).
bool has_loopback_endpoint(const std::string& transport);
// A fresh loopback endpoint of the case's transport for `s` (tcp/ws: port 0, or a port leased for
// the case where its scenario binds an endpoint again); UNSUPPORTED where the transport has no
// loopback-only form.
std::string endpoint_for(CaseContext& cx, const SocketSlot& s);
// The endpoint a bind reply resolved `requested` to (the request itself where the reply's lacks
// a scheme: libzmq's udp).
std::string bound_endpoint(const std::string& requested, const Reply& reply);
// The binder binds (once), the other connects, both await the handshake, then settle; where the
// handshake events prove nothing, a probe crosses the link (link_probes.hpp).
void link(CaseContext& cx, SocketSlot& binder, SocketSlot& connector);
// Waits until `s` has one link-up event per link: HANDSHAKE_SUCCEEDED, or, where `s`'s or its
// peer's agent cannot report it, ACCEPTED on a binder and CONNECTED on a connector (noted in the
// result).
void await_links(CaseContext& cx, SocketSlot& s, const SocketSlot& peer, bool binder);
// Lets a socket act on what its I/O threads told it (new pipes, peer identities) before the next
// step relies on it.
void settle(CaseContext& cx, SocketSlot& s);

// Files an agent's monitor events (of this case's sockets) and transcript in the result; for a
// killed agent before the pool replaces it, and for every agent at the end.
void harvest(CaseContext& cx, AgentClient& agent);

// The fault relay (fault/fault_relay.hpp), put in front of `binder` in relay scenarios.
void start_relay(CaseContext& cx, const SocketSlot& binder);
// Where a socket connects to reach `binder`: the relay's endpoint when it stands in between.
std::string connect_endpoint(const CaseContext& cx, const SocketSlot& binder);

}  // namespace zconform
