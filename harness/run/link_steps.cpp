// Steps about connections: link, bind/connect/unbind/disconnect, monitor events, close, kill.
#include "run/case_play.hpp"
#include "run/frame_text.hpp"

namespace zconform {

using protocol::Json;

namespace {

// Transports on which libzmq-like implementations report HANDSHAKE_SUCCEEDED through monitors.
bool has_monitor_events(const std::string& transport) {
  return transport == "tcp" || transport == "ipc" || transport == "ws" || transport == "tipc";
}

}  // namespace

int count_events(const std::vector<MonitorEvent>& events, const std::string& handle, const std::string& name) {
  int n = 0;
  for (const auto& e : events) n += e.socket == handle && e.name == name;
  return n;
}

std::string CasePlay::endpoint_for(const SocketSlot& s) const {
  const std::string& t = spec_.transport;
  const std::string tag = std::to_string(number_) + "-" + s.name;
  if (t == "tcp" || t == "ws") return t + "://127.0.0.1:*";
  if (t == "ipc") return "ipc://" + (settings_.ipc_dir / (tag + ".ipc")).string();
  if (t == "inproc") return "inproc://zconform-" + tag;
  // tipc needs a kernel module, pgm/epgm/norm a multicast network: none is loopback-only.
  throw CaseStop{Verdict::unsupported, "a loopback endpoint for " + t,
                 "zconform has no loopback-only endpoint scheme for " + t + " (it never leaves 127.0.0.0/8 and ::1)"};
}

std::string CasePlay::resolve_endpoint(const Step& step, const SocketSlot& s) const {
  switch (step.endpoint.kind) {
    case EndpointSpec::Kind::automatic: return endpoint_for(s);
    case EndpointSpec::Kind::of_socket: {
      const SocketSlot& bound = sockets_.at(step.endpoint.text);
      if (bound.endpoint.empty()) {
        throw CaseStop{Verdict::error, "socket " + bound.name + " bound before its endpoint is used", "it is not bound"};
      }
      // Connectors reach a binder through the relay when one stands in front of it.
      const bool connector_side = step.kind == StepKind::connect || step.kind == StepKind::disconnect;
      return connector_side ? connect_endpoint(bound) : bound.endpoint;
    }
    case EndpointSpec::Kind::literal: {
      std::string text = step.endpoint.text;
      if (auto at = text.find("$TRANSPORT"); at != std::string::npos) text.replace(at, 10, spec_.transport);
      return text;
    }
  }
  return "";
}

void CasePlay::await_handshakes(SocketSlot& s) {
  auto done = [&s](const std::vector<MonitorEvent>& events) {
    return count_events(events, s.created_handle, "HANDSHAKE_SUCCEEDED") >= s.links;
  };
  if (!s.agent->wait_for_events(done, steps_deadline_)) {
    fail(std::to_string(s.links) + " HANDSHAKE_SUCCEEDED event(s) on " + s.name, "fewer before the case deadline (see monitor_events)");
  }
}

// Lets a socket act on what its I/O threads told it (new pipes, peer identities) before the next
// step relies on it. getsockopt(ZMQ_EVENTS) processes pending commands in libzmq; elsewhere it
// is harmless. Without it, a ROUTER could drop a message to a peer whose handshake is complete
// but whose pipe the socket has not attached yet.
void CasePlay::settle(SocketSlot& s) {
  Reply r = s.agent->call("getsockopt", {{"socket", s.handle}, {"option", "events"}}, case_deadline_);
  (void)r;  // an agent without "events" simply has nothing to settle
}

void CasePlay::link(SocketSlot& binder, SocketSlot& connector) {
  if (binder.endpoint.empty()) {
    Reply r = call(binder, "bind", {{"endpoint", endpoint_for(binder)}});
    expect_ok(r, "bind of " + binder.name);
    binder.endpoint = r.body.value("endpoint", "");
    if (binder.endpoint.empty()) throw CaseStop{Verdict::error, "bind returns the resolved endpoint", r.body.dump()};
    start_relay(binder);
  }
  const std::string endpoint = connect_endpoint(binder);
  expect_ok(call(connector, "connect", {{"endpoint", endpoint}}), "connect of " + connector.name + " to " + endpoint);
  ++binder.links;
  ++connector.links;
  if (has_monitor_events(spec_.transport) && spec_.scenario->monitors) {
    // Synchronise on the handshake, seen from both ends, instead of waiting a fixed time.
    await_handshakes(binder);
    await_handshakes(connector);
  }
  settle(binder);
  settle(connector);
}

void CasePlay::endpoint_step(const Step& step) {
  SocketSlot& s = slot(step.sockets[0]);
  static const std::map<StepKind, std::string> ops = {
      {StepKind::bind, "bind"}, {StepKind::connect, "connect"}, {StepKind::unbind, "unbind"}, {StepKind::disconnect, "disconnect"}};
  const std::string& op = ops.at(step.kind);
  const std::string endpoint = resolve_endpoint(step, s);
  result_.step += " " + op + " " + s.name + " " + endpoint;
  Reply r = call(s, op, {{"endpoint", endpoint}});
  expect_outcome(r, step.error, op + " of " + s.name + " to " + endpoint);
  if (r.status != ReplyStatus::ok) return;
  if (step.kind == StepKind::bind) {
    s.endpoint = r.body.value("endpoint", endpoint);
    start_relay(s);
  }
}

void CasePlay::await_event(const Step& step) {
  SocketSlot& s = slot(step.sockets[0]);
  result_.step += " await " + step.event + " on " + s.name;
  if (!has_monitor_events(spec_.transport)) {
    throw CaseStop{Verdict::error, "monitor events on " + spec_.transport, "this transport has none: list only tcp/ipc/ws in the scenario"};
  }
  auto done = [&](const std::vector<MonitorEvent>& events) {
    return count_events(events, s.created_handle, step.event) >= step.count;
  };
  if (!s.agent->wait_for_events(done, steps_deadline_)) {
    fail(std::to_string(step.count) + " " + step.event + " event(s) on " + s.name,
         std::to_string(count_events(s.agent->events(), s.created_handle, step.event)) + " before the case deadline (see monitor_events)");
  }
  for (const auto& unwanted : step.absent) {
    if (int n = count_events(s.agent->events(), s.created_handle, unwanted)) {
      fail("no " + unwanted + " event on " + s.name + " before " + step.event, std::to_string(n) + " of them (see monitor_events)");
    }
  }
  // What the event announced (a new pipe, a closed one) is acted on before the next step.
  if (!s.handle.empty()) settle(s);
}

void CasePlay::close_socket(const Step& step) {
  SocketSlot& s = slot(step.sockets[0]);
  result_.step += " close " + s.name;
  expect_ok(call(s, "close", Json::object()), "close of " + s.name);
  s.handle.clear();
}

void CasePlay::kill_role(const Step& step) {
  result_.step += step.role == Role::a ? " kill A" : " kill B";
  AgentClient& agent = agent_for(step.role);
  agent.kill();
  for (auto& [name, s] : sockets_) {
    if (s.agent == &agent) s.handle.clear();
  }
  contexts_.erase(&agent);
  terminated_.erase(&agent);
  killed_roles_.insert(step.role);
}

}  // namespace zconform
