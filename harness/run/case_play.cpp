#include "run/case_play.hpp"

#include <set>

#include "fault/tcp_relay.hpp"
#include "protocol/base64.hpp"
#include "run/frame_text.hpp"
#include "run/probes.hpp"
#include "run/wire_peer.hpp"

namespace zconform {

using std::chrono::milliseconds;
using protocol::Json;

namespace {

// Options whose values travel base64-encoded in the agent protocol (PROTOCOL.md).
bool is_binary_option(const std::string& option) {
  static const std::set<std::string> binary = {"routing_id", "subscribe", "unsubscribe", "xpub_welcome_msg",
                                               "connect_routing_id"};
  return binary.count(option) > 0;
}

}  // namespace

CasePlay::CasePlay(const CaseSpec& spec, const RunSettings& settings, AgentPool& pool, size_t number, CaseResult& result)
    : spec_(spec), settings_(settings), pool_(pool), number_(number), result_(result) {
  auto now = Clock::now();
  int ms = spec.scenario->deadline_ms;
  if (settings.deadline_cap_ms > 0) ms = std::min(ms, settings.deadline_cap_ms);
  auto budget = milliseconds(ms);
  case_deadline_ = now + budget;
  // Steps stop early enough to leave teardown a quarter of the budget (at most 2 s).
  steps_deadline_ = case_deadline_ - std::min<milliseconds>(budget / 4, milliseconds(2000));
}

CasePlay::~CasePlay() = default;

AgentClient& CasePlay::agent_for(Role role) {
  if (killed_roles_.count(role)) {
    throw CaseStop{Verdict::error, "a step on a live role", std::string("role ") + (role == Role::a ? "A" : "B") + " was killed: restart it first"};
  }
  const Implementation& impl = role == Role::a ? settings_.impl_a : settings_.impl_b;
  if (!spec_.scenario->separate_processes) return pool_.get(impl);
  return pool_.get(impl, role == Role::a ? "A" : "B");
}

Reply CasePlay::call(AgentClient& agent, const std::string& op, Json args) {
  Reply reply = agent.call(op, std::move(args), case_deadline_);
  if (reply.status == ReplyStatus::unsupported) {
    throw CaseStop{Verdict::unsupported, op + " supported", agent.implementation().name + " agent: " + reply.reason};
  }
  return reply;
}

Reply CasePlay::call(SocketSlot& s, const std::string& op, Json args) {
  args["socket"] = s.handle;
  return call(*s.agent, op, std::move(args));
}

void CasePlay::expect_ok(const Reply& reply, const std::string& what) {
  if (reply.status != ReplyStatus::ok) fail(what + " succeeds", describe_reply(reply));
}

void CasePlay::expect_outcome(const Reply& reply, const std::optional<std::string>& error, const std::string& what) {
  if (!error) return expect_ok(reply, what);
  if (reply.status == ReplyStatus::error && reply.error == *error) return;
  fail(what + " fails with " + *error, describe_reply(reply));
}

Verdict CasePlay::failure_verdict() const {
  if (settings_.strict) return Verdict::fail;
  // Only when every cited clause is a SHOULD is the failure NON-STRICT.
  for (const auto& id : spec_.scenario->clauses) {
    const Clause* c = settings_.catalogue ? settings_.catalogue->find(id) : nullptr;
    if (!c || c->level != ClauseLevel::should) return Verdict::fail;
  }
  return Verdict::non_strict;
}

void CasePlay::fail(const std::string& expected, const std::string& actual) {
  throw CaseStop{failure_verdict(), expected, actual};
}

int CasePlay::remaining_ms() const {
  return static_cast<int>(std::max<long long>(0, std::chrono::duration_cast<milliseconds>(steps_deadline_ - Clock::now()).count()));
}

const SocketTypeTraits& CasePlay::traits(const SocketSlot& s) const {
  static const SocketTypeTraits none;
  const SocketTypeTraits* t = settings_.pairings ? settings_.pairings->traits(s.type) : nullptr;
  return t ? *t : none;
}

Json CasePlay::option_value(const std::string& option, const Json& value) const {
  if (is_binary_option(option) && value.is_string()) return protocol::base64_encode(value.get<std::string>());
  return value;
}

void CasePlay::set_option(SocketSlot& s, const std::string& option, const Json& value, const std::optional<std::string>& error) {
  Reply r = call(s, "setsockopt", {{"option", option}, {"value", option_value(option, value)}});
  expect_outcome(r, error, "setsockopt " + option + " on " + s.name);
  if (r.status == ReplyStatus::ok && option == "routing_id" && value.is_string()) s.routing_id = value.get<std::string>();
}

Reply CasePlay::send_frames(SocketSlot& s, const Frames& frames, bool dontwait, int timeout_ms) {
  Json args = {{"frames", protocol::frames_to_json(frames)}, {"dontwait", dontwait}};
  args["timeout_ms"] = timeout_ms >= 0 ? timeout_ms : remaining_ms();
  return call(s, "send", std::move(args));
}

Received CasePlay::parse_received(Reply reply) {
  Received got;
  got.reply = std::move(reply);
  if (got.reply.status != ReplyStatus::ok) return got;
  try {
    got.frames = protocol::frames_from_json(got.reply.body.value("frames", Json()), "frames");
  } catch (const protocol::ProtocolError& e) {
    throw CaseStop{Verdict::error, "a recv reply with frames", std::string("protocol error: ") + e.what()};
  }
  return got;
}

Received CasePlay::receive_raw(SocketSlot& s, int timeout_ms, bool from_stash) {
  if (from_stash && !s.stash.empty()) {
    Received got;
    got.frames = std::move(s.stash.front());
    s.stash.pop_front();
    return got;
  }
  return parse_received(call(s, "recv", {{"timeout_ms", timeout_ms}}));
}

bool CasePlay::is_probe(const SocketSlot& s, const Frames& frames) const {
  if (!collecting_ && is_end_marker(frames)) return true;
  const SocketTypeTraits& t = traits(s);
  if (t.subscriber != Subscription::none) return is_sync_probe(frames);
  if (t.publisher) return is_sync_subscription(frames);
  return false;
}

Received CasePlay::receive(SocketSlot& s, int timeout_ms) {
  // Probes left in flight by a sync are the harness's own traffic: skipped, within the same wait.
  auto until = Clock::now() + milliseconds(timeout_ms);
  while (true) {
    int left = static_cast<int>(std::max<long long>(0, std::chrono::duration_cast<milliseconds>(until - Clock::now()).count()));
    Received got = receive_raw(s, left);
    if (!got.ok() || !is_probe(s, got.frames)) return got;
  }
}

Frames CasePlay::resolve(const FrameSpecs& specs, int n) {
  Frames frames;
  for (const auto& f : specs) {
    switch (f.kind) {
      case FrameSpec::Kind::literal: frames.push_back(substitute_number(f.bytes, n)); break;
      case FrameSpec::Kind::routing_id: {
        const SocketSlot& named = slot(f.name);
        if (!named.routing_id) {
          throw CaseStop{Verdict::error, "a known routing id for socket " + f.name,
                         "none set or learned (set routing_id, or capture the id a ROUTER received)"};
        }
        frames.push_back(*named.routing_id);
        break;
      }
      case FrameSpec::Kind::variable: {
        auto it = variables_.find(f.name);
        if (it == variables_.end()) throw CaseStop{Verdict::error, "variable '" + f.name + "' captured earlier", "never captured"};
        frames.push_back(it->second);
        break;
      }
      case FrameSpec::Kind::capture:
      case FrameSpec::Kind::any:
        throw CaseStop{Verdict::error, "frames to send", "a capture/any pattern can only be received"};
    }
  }
  return frames;
}

std::string CasePlay::describe(const FrameSpecs& specs, int n) {
  Frames shown;
  std::vector<std::string> notes;
  for (const auto& f : specs) {
    if (f.kind == FrameSpec::Kind::capture || f.kind == FrameSpec::Kind::any) {
      shown.push_back("<any" + (f.size >= 0 ? " of " + std::to_string(f.size) + " bytes" : std::string()) + ">");
    } else if (f.kind == FrameSpec::Kind::routing_id && !slot(f.name).routing_id) {
      shown.push_back("<routing id of " + f.name + ">");
    } else {
      shown.push_back(resolve({f}, n).front());
    }
  }
  return describe_frames(shown);
}

std::string CasePlay::mismatch(const FrameSpecs& expected, const Frames& got, int n) {
  if (expected.size() != got.size()) {
    return std::to_string(expected.size()) + " frames expected, " + std::to_string(got.size()) + " received";
  }
  std::map<std::string, std::string> captured;
  for (size_t i = 0; i < expected.size(); ++i) {
    const FrameSpec& f = expected[i];
    const std::string where = "frame " + std::to_string(i + 1) + " of " + std::to_string(got.size());
    if (f.kind == FrameSpec::Kind::capture || f.kind == FrameSpec::Kind::any) {
      if (f.size >= 0 && got[i].size() != static_cast<size_t>(f.size)) {
        return where + " has " + std::to_string(got[i].size()) + " bytes, " + std::to_string(f.size) + " expected";
      }
      if (f.kind == FrameSpec::Kind::capture) captured[f.name] = got[i];
      continue;
    }
    if (f.kind == FrameSpec::Kind::routing_id && !slot(f.name).routing_id) {
      captured["\n" + f.name] = got[i];  // learned: the routing id the receiver sees for that socket
      continue;
    }
    std::string diff = first_difference({resolve({f}, n).front()}, {got[i]});
    if (!diff.empty()) return where + ": " + diff;
  }
  for (auto& [name, bytes] : captured) {
    if (name[0] == '\n') slot(name.substr(1)).routing_id = bytes;
    else variables_[name] = bytes;
  }
  return "";
}

FrameSpecs CasePlay::envelope_frames(const SocketSlot& from, const SocketSlot& to, bool sending) const {
  const Envelope envelope = settings_.pairings->envelope(from.type, to.type);
  FrameSpecs out;
  for (const auto& e : sending ? envelope.send : envelope.receive) {
    if (e.kind == EnvelopeFrame::Kind::literal) out.push_back(FrameSpec::literal(e.bytes));
    else out.push_back(FrameSpec::named(FrameSpec::Kind::routing_id, e.kind == EnvelopeFrame::Kind::id_of_sender ? from.name : to.name));
  }
  return out;
}

void CasePlay::setup() {
  // Capabilities first: a case the agent cannot run ends UNSUPPORTED before anything is sent.
  if (spec_.transport == "inproc" && (settings_.impl_a.name != settings_.impl_b.name || spec_.scenario->separate_processes)) {
    throw CaseStop{Verdict::unsupported, "inproc between two processes", "inproc cannot join two processes"};
  }
  for (const auto& [name, role] : spec_.scenario->sockets) {
    AgentClient& agent = agent_for(role);
    const AgentHello& hello = agent.hello();
    const std::string& type = spec_.type_of(role);
    if (!hello.socket_types.count(type)) {
      throw CaseStop{Verdict::unsupported, "socket type " + type, hello.name + " " + hello.version + " does not offer " + type};
    }
    if (!hello.transports.count(spec_.transport)) {
      throw CaseStop{Verdict::unsupported, "transport " + spec_.transport,
                     hello.name + " " + hello.version + " does not offer " + spec_.transport};
    }
    SocketSlot s;
    s.name = name;
    s.role = role;
    s.type = type;
    s.agent = &agent;
    sockets_[name] = std::move(s);
  }
  endpoint_for(sockets_.begin()->second);  // an unsupported transport stops here, before any socket exists
  for (auto& [name, s] : sockets_) create_socket(s);
}

void CasePlay::play(const Step& step) {
  result_.step = spec_.scenario->file.filename().string() + ":" + std::to_string(step.line);
  switch (step.kind) {
    case StepKind::link: {
      SocketSlot& x = slot(step.sockets[0]);
      SocketSlot& y = slot(step.sockets[1]);
      result_.step += " link " + x.name + " " + y.name;
      if (x.role == spec_.binder) link(x, y);
      else link(y, x);
      return pubsub_after_link(x, y);
    }
    case StepKind::send: return send_step(step);
    case StepKind::recv: return recv_step(step);
    case StepKind::set: return set_step(step);
    case StepKind::get: return get_step(step);
    case StepKind::transfer: return transfer(step);
    case StepKind::subscribe:
    case StepKind::unsubscribe: {
      SocketSlot& s = slot(step.sockets[0]);
      result_.step += (step.kind == StepKind::subscribe ? " subscribe " : " unsubscribe ") + s.name;
      for (const auto& topic : step.topics) subscription(s, topic, step.kind == StepKind::subscribe);
      return;
    }
    case StepKind::sync:
      result_.step += " sync " + step.sockets[0] + " " + step.sockets[1];
      return sync(slot(step.sockets[0]), slot(step.sockets[1]), step.topic);
    case StepKind::barrier: return barrier(step);
    case StepKind::bind:
    case StepKind::connect:
    case StepKind::unbind:
    case StepKind::disconnect: return endpoint_step(step);
    case StepKind::await_event: return await_event(step);
    case StepKind::close: return close_socket(step);
    case StepKind::round_robin: return round_robin(step);
    case StepKind::fair_queue: return fair_queue(step);
    case StepKind::kill: return kill_role(step);
    case StepKind::drain: return drain(step);
    case StepKind::flood: return flood(step);
    case StepKind::collect: return collect(step);
    case StepKind::term: return term_step(step);
    case StepKind::shutdown: return shutdown_step(step);
    case StepKind::new_socket: return new_socket_step(step);
    case StepKind::reply: return reply_step(step);
    case StepKind::pending: return pending_step(step);
    case StepKind::restart: return restart_role(step);
    case StepKind::fault: return fault_step(step);
    default: return play_wire(step);
  }
}

void CasePlay::teardown() {
  release_async_requests();
  // linger 0 so that close and ctx_term return at once whatever is still queued.
  for (auto& [name, s] : sockets_) {
    if (s.handle.empty() || s.agent->failed()) continue;
    s.agent->call("setsockopt", {{"socket", s.handle}, {"option", "linger"}, {"value", 0}}, case_deadline_);
    Reply r = s.agent->call("close", {{"socket", s.handle}}, case_deadline_);
    if (r.status != ReplyStatus::ok) throw CaseStop{Verdict::error, "close of " + name + " succeeds", describe_reply(r)};
  }
  for (auto& [agent, ctx] : contexts_) {
    if (ctx.empty() || agent->failed() || terminated_.count(agent)) continue;
    // A ctx_term the scenario started and left pending completes now that the sockets are closed,
    // unless a socket closed earlier still lingers (LINGER -1, no peer): nothing can cut that
    // short, so after a second the agent is killed and the pool starts a fresh one.
    std::optional<Reply> r;
    bool stuck = false;
    for (auto& [name, request] : requests_) {
      if (request.agent != agent || !request.is_term || request.reply) continue;
      auto answer = agent->wait_any({request.id}, std::min(case_deadline_, Clock::now() + std::chrono::seconds(1)));
      if (answer) r = std::move(answer->second);
      else stuck = true;
    }
    if (stuck) {
      observe("teardown", "ctx_term still blocked by a lingering socket: agent killed");
      agent->kill();
      continue;
    }
    if (!r) r = agent->call("ctx_term", {{"ctx", ctx}}, case_deadline_);
    if (r->status != ReplyStatus::ok) throw CaseStop{Verdict::error, "ctx_term succeeds", describe_reply(*r)};
  }
  if (relay_) relay_stats_ = relay_->stats();
  relay_.reset();
  if (teardown_error_) throw *teardown_error_;
}

void CasePlay::collect_observations() {
  if (wire_) result_.wire_transcript = wire_->transcript().lines();
  if (relay_) relay_stats_ = relay_->stats();
  if (relay_stats_) observe("relay", *relay_stats_);
  std::set<AgentClient*> agents;
  for (auto& [name, s] : sockets_) {
    if (s.agent) agents.insert(s.agent);
  }
  for (AgentClient* agent : agents) harvest(*agent);
}

}  // namespace zconform
