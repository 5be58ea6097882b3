#include "run/linking.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fault/fault_relay.hpp"
#include "run/frame_text.hpp"
#include "run/link_probes.hpp"
#include "run/loopback_ports.hpp"
#include "run/messaging.hpp"

namespace zconform {

using protocol::Json;

int count_events(const std::vector<MonitorEvent>& events, const std::string& handle,
                 const std::string& name) {
  int n = 0;
  for (const auto& e : events) n += e.socket == handle && e.name == name;
  return n;
}

bool has_monitor_events(const std::string& transport) {
  return transport == "tcp" || transport == "ipc" || transport == "ws" || transport == "tipc";
}

void require_monitor_event(const CaseContext& cx, const SocketSlot& s, const std::string& event) {
  if (!has_monitor_events(cx.spec.transport)) {
    throw CaseStop{Verdict::error, "monitor events on " + cx.spec.transport,
                   "this transport has none: list only tcp/ipc/ws in the scenario"};
  }
  const AgentHello& hello = s.agent->hello();
  if (!hello.reports(event)) {
    throw CaseStop{Verdict::unsupported, "monitor event " + event,
                   hello.name + " " + hello.version + " does not report " + event};
  }
  // Handshake events also need a peer that speaks ZMTP 3.x: libzmq reports none on a link it
  // negotiated down to ZMTP 2.0 (its v2 handshake never reaches mechanism_ready).
  if (event.rfind("HANDSHAKE_", 0) != 0) return;
  for (const auto& [name, other] : cx.sockets) {
    const AgentHello& peer = other.agent->hello();
    if (!peer.reports(event)) {
      throw CaseStop{Verdict::unsupported, "monitor event " + event + " on " + s.name,
                     peer.name + " " + peer.version + " (socket " + name + ") reports no " + event +
                         ", and on a ZMTP 2.0 link with it " + hello.name +
                         " reports no handshake events either"};
    }
  }
}

std::string context_for(CaseContext& cx, AgentClient& agent) {
  auto& ctx = cx.contexts[&agent];
  if (ctx.empty()) {
    Json args = Json::object();
    if (!cx.scenario().context_options.empty()) args["options"] = cx.scenario().context_options;
    Reply r = cx.call(agent, "ctx_new", std::move(args));
    if (r.status != ReplyStatus::ok)
      throw CaseStop{Verdict::error, "ctx_new succeeds", describe_reply(r)};
    ctx = r.body.value("ctx", "");
  }
  return ctx;
}

void create_socket(CaseContext& cx, SocketSlot& s) {
  Reply r = cx.call(*s.agent, "socket", {{"ctx", context_for(cx, *s.agent)}, {"type", s.type}});
  if (r.status != ReplyStatus::ok)
    throw CaseStop{Verdict::error, "socket " + s.type + " is created", describe_reply(r)};
  s.handle = r.body.value("socket", "");
  s.created_handle = s.handle;
  if (cx.scenario().monitors) {
    r = cx.call(s, "monitor", Json::object());
    if (r.status != ReplyStatus::ok)
      throw CaseStop{Verdict::error, "monitor starts", describe_reply(r)};
  }
  // pairings.yaml: the sockets a ROUTER addresses get a known routing id before they connect.
  // (Wire cases set the implementation's routing id themselves: what goes on the wire is the
  // point.)
  const PairingInfo* info = cx.settings.pairings->valid(cx.spec.pairing);
  if (info && cx.scenario().routing_ids && !cx.scenario().raw_peer &&
      info->routing_id_roles.count(s.role)) {
    set_option(cx, s, "routing_id", s.name);
  }
}

namespace {

// libzmq's udp has no wildcard port: the kernel picks one for a socket of the harness's own, which
// is closed before the DISH binds it. Another process could take it in between; loopback udp
// ports are rarely asked for by number, and a taken one fails the bind with EADDRINUSE, loudly.
int free_udp_port() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  const bool ok = fd >= 0 &&
                  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  if (fd >= 0) ::close(fd);
  if (!ok) throw CaseStop{Verdict::error, "a free udp port on 127.0.0.1", std::strerror(errno)};
  return ntohs(address.sin_port);
}

}  // namespace

std::string bound_endpoint(const std::string& requested, const Reply& reply) {
  const std::string resolved = reply.body.value("endpoint", "");
  // libzmq's ZMQ_LAST_ENDPOINT after a udp bind is "127.0.0.1:N", without its scheme; the request
  // had no wildcard to resolve.
  if (resolved.find("://") == std::string::npos && requested.rfind("udp://", 0) == 0)
    return requested;
  return resolved;
}

bool has_loopback_endpoint(const std::string& transport) {
  return transport == "tcp" || transport == "ws" || transport == "ipc" || transport == "inproc" ||
         transport == "udp";
}

// Whether the scenario leaves an endpoint and binds it again (unbind, or a restart of a killed
// role): its tcp and ws endpoints then use ports outside the ephemeral range (loopback_ports.hpp).
static bool rebinds_endpoints(const Scenario& scenario) {
  for (const auto& step : scenario.steps) {
    if (step->kind() == "unbind" || step->kind() == "restart") return true;
  }
  return false;
}

std::string endpoint_for(CaseContext& cx, const SocketSlot& s) {
  const std::string& t = cx.spec.transport;
  const std::string tag = std::to_string(cx.number) + "-" + s.name;
  if (t == "tcp" || t == "ws") {
    if (rebinds_endpoints(cx.scenario())) {
      if (auto lease = lease_loopback_port()) {
        const int port = lease->port();
        cx.port_leases.push_back(std::move(*lease));
        return t + "://127.0.0.1:" + std::to_string(port);
      }
    }
    return t + "://127.0.0.1:*";
  }
  if (t == "ipc") return "ipc://" + (cx.settings.ipc_dir / (tag + ".ipc")).string();
  if (t == "inproc") return "inproc://zconform-" + tag;
  if (t == "udp") return "udp://127.0.0.1:" + std::to_string(free_udp_port());
  // tipc needs a kernel module, pgm/epgm/norm a multicast network: none is loopback-only.
  throw CaseStop{Verdict::unsupported, "a loopback endpoint for " + t,
                 "zconform has no loopback-only endpoint scheme for " + t +
                     " (it never leaves 127.0.0.0/8 and ::1)"};
}

// The event that shows a link of `s` is up. The handshake where the agent reports it; else the
// connection (the handshake follows on the same connection, and messages sent before it are
// queued), which is weaker: a ROUTER may not know the peer's routing id yet.
// Both ends must report the handshake: libzmq emits no HANDSHAKE_SUCCEEDED for a link it
// negotiated down to ZMTP 2.0 (its v2 handshake never reaches mechanism_ready), so facing JeroMQ
// 0.3 its own socket waits in vain too.
static std::string link_event(const AgentHello& own, const AgentHello& other, bool binder) {
  if (own.reports("HANDSHAKE_SUCCEEDED") && other.reports("HANDSHAKE_SUCCEEDED"))
    return "HANDSHAKE_SUCCEEDED";
  const std::string connection = binder ? "ACCEPTED" : "CONNECTED";
  return own.reports(connection) ? connection : "";
}

void await_links(CaseContext& cx, SocketSlot& s, const SocketSlot& peer, bool binder) {
  const AgentHello& hello = s.agent->hello();
  const std::string event = link_event(hello, peer.agent->hello(), binder);
  if (event != "HANDSHAKE_SUCCEEDED") {
    const AgentHello& lacking = hello.reports("HANDSHAKE_SUCCEEDED") ? peer.agent->hello() : hello;
    cx.observe("link_sync", lacking.name + " " + lacking.version +
                                " reports no HANDSHAKE_SUCCEEDED: links of " + s.name +
                                (event.empty() ? " are not awaited" : " awaited by " + event));
  }
  if (event.empty()) return;
  auto done = [&](const std::vector<MonitorEvent>& events) {
    return count_events(events, s.created_handle, event) >= s.links;
  };
  if (!s.agent->wait_for_events(done, cx.steps_deadline)) {
    cx.fail(std::to_string(s.links) + " " + event + " event(s) on " + s.name,
            "fewer before the case deadline (see monitor_events)");
  }
}

// getsockopt(ZMQ_EVENTS) processes pending commands in libzmq; elsewhere it is harmless. Without
// it, a ROUTER could drop a message to a peer whose handshake is complete but whose pipe the
// socket has not attached yet.
void settle(CaseContext& cx, SocketSlot& s) {
  Reply r =
      s.agent->call("getsockopt", {{"socket", s.handle}, {"option", "events"}}, cx.case_deadline);
  (void)r;  // an agent without "events" simply has nothing to settle
}

void link(CaseContext& cx, SocketSlot& binder, SocketSlot& connector) {
  if (binder.endpoint.empty()) {
    const std::string requested = endpoint_for(cx, binder);
    Reply r = cx.call(binder, "bind", {{"endpoint", requested}});
    cx.expect_ok(r, "bind of " + binder.name);
    binder.endpoint = bound_endpoint(requested, r);
    if (binder.endpoint.empty())
      throw CaseStop{Verdict::error, "bind returns the resolved endpoint", r.body.dump()};
    start_relay(cx, binder);
  }
  const std::string endpoint = connect_endpoint(cx, binder);
  cx.expect_ok(cx.call(connector, "connect", {{"endpoint", endpoint}}),
               "connect of " + connector.name + " to " + endpoint);
  ++binder.links;
  ++connector.links;
  if (has_monitor_events(cx.spec.transport) && cx.scenario().monitors) {
    // Synchronise on the handshake, seen from both ends, instead of waiting a fixed time.
    await_links(cx, binder, connector, true);
    await_links(cx, connector, binder, false);
  }
  settle(cx, binder);
  settle(cx, connector);
  // Where the handshake events do not prove it, a message across the link does.
  if (needs_link_probe(cx, binder, connector)) probe_link(cx, binder, connector);
}

void harvest(CaseContext& cx, AgentClient& agent) {
  for (const auto& e : agent.events()) {
    for (auto& [name, s] : cx.sockets) {
      if (s.agent == &agent && e.socket == s.created_handle) {
        cx.result.monitor_events.push_back(
            {{"socket", name}, {"event", e.name}, {"value", e.value}, {"endpoint", e.endpoint}});
      }
    }
  }
  agent.clear_events();
  for (auto& line : agent.take_transcript()) cx.result.transcript.push_back(std::move(line));
}

void start_relay(CaseContext& cx, const SocketSlot& binder) {
  if (!cx.scenario().relay) return;
  if (cx.relay) {
    if (cx.relay_upstream == binder.endpoint) return;
    throw CaseStop{Verdict::error, "one bound endpoint behind the fault relay",
                   binder.name + " binds a second one"};
  }
  try {
    cx.relay = std::make_unique<FaultRelay>(binder.endpoint);
  } catch (const std::exception& e) {
    throw CaseStop{Verdict::error, "the fault relay starts", e.what()};
  }
  cx.relay_upstream = binder.endpoint;
}

std::string connect_endpoint(const CaseContext& cx, const SocketSlot& binder) {
  return cx.relay && cx.relay_upstream == binder.endpoint ? cx.relay->endpoint() : binder.endpoint;
}

}  // namespace zconform
