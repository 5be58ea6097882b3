#include "run/case_runner.hpp"

#include <set>

#include "run/frame_text.hpp"

namespace zconform {
namespace {

using std::chrono::milliseconds;

// Ends a case early with a verdict; thrown by the steps, caught once in CaseRunner::run.
struct CaseStop {
  Verdict verdict;
  std::string expected;
  std::string actual;
};

// Transports on which libzmq-like implementations report HANDSHAKE_SUCCEEDED through monitors.
bool has_monitor_events(const std::string& transport) {
  return transport == "tcp" || transport == "ipc" || transport == "ws" || transport == "tipc";
}

std::string reply_text(const Reply& reply) {
  switch (reply.status) {
    case ReplyStatus::ok: return "ok";
    case ReplyStatus::error: return reply.error + (reply.message.empty() ? "" : " (" + reply.message + ")");
    case ReplyStatus::unsupported: return "unsupported: " + reply.reason;
  }
  return "?";
}

struct SocketSlot {
  std::string name;
  AgentClient* agent = nullptr;
  std::string handle;
  std::string endpoint;     // set once bound
  int links = 0;            // connections it takes part in: handshakes to wait for
};

// One play of one case: owns the handles it creates and releases them in teardown.
class CasePlay {
 public:
  CasePlay(const CaseSpec& spec, const RunSettings& settings, AgentPool& pool, size_t number, CaseResult& result)
      : spec_(spec), settings_(settings), pool_(pool), number_(number), result_(result) {
    auto now = Clock::now();
    int ms = spec.scenario->deadline_ms;
    if (settings.deadline_cap_ms > 0) ms = std::min(ms, settings.deadline_cap_ms);
    auto budget = milliseconds(ms);
    case_deadline_ = now + budget;
    // Steps stop early enough to leave teardown a quarter of the budget (at most 2 s).
    steps_deadline_ = case_deadline_ - std::min<milliseconds>(budget / 4, milliseconds(2000));
  }

  void setup();
  void play(const Step& step);
  void teardown();
  void collect_observations();
  Verdict failure_verdict() const;

 private:
  AgentClient& agent_for(Role role);
  Reply call(AgentClient& agent, const std::string& op, Json args);
  void expect_ok(const Reply& reply, const std::string& what);
  void expect_outcome(const Reply& reply, const std::optional<std::string>& error, const std::string& what);
  std::string endpoint_for(const SocketSlot& slot) const;
  void link(SocketSlot& binder, SocketSlot& connector);
  int remaining_ms(Clock::time_point deadline) const {
    return static_cast<int>(std::max<long long>(0, std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count()));
  }

  const CaseSpec& spec_;
  const RunSettings& settings_;
  AgentPool& pool_;
  size_t number_;
  CaseResult& result_;
  Clock::time_point case_deadline_;
  Clock::time_point steps_deadline_;
  std::map<std::string, SocketSlot> sockets_;
  std::map<AgentClient*, std::string> contexts_;
};

AgentClient& CasePlay::agent_for(Role role) {
  return pool_.get(role == Role::a ? settings_.impl_a : settings_.impl_b);
}

Reply CasePlay::call(AgentClient& agent, const std::string& op, Json args) {
  Reply reply = agent.call(op, std::move(args), case_deadline_);
  if (reply.status == ReplyStatus::unsupported) {
    throw CaseStop{Verdict::unsupported, op + " supported", agent.implementation().name + " agent: " + reply.reason};
  }
  return reply;
}

void CasePlay::expect_ok(const Reply& reply, const std::string& what) {
  if (reply.status != ReplyStatus::ok) throw CaseStop{failure_verdict(), what + " succeeds", reply_text(reply)};
}

void CasePlay::expect_outcome(const Reply& reply, const std::optional<std::string>& error, const std::string& what) {
  if (!error) return expect_ok(reply, what);
  if (reply.status == ReplyStatus::error && reply.error == *error) return;
  throw CaseStop{failure_verdict(), what + " fails with " + *error, reply_text(reply)};
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

std::string CasePlay::endpoint_for(const SocketSlot& slot) const {
  const std::string& t = spec_.transport;
  const std::string tag = std::to_string(number_) + "-" + slot.name;
  if (t == "tcp" || t == "ws") return t + "://127.0.0.1:*";
  if (t == "ipc") return "ipc://" + (settings_.ipc_dir / (tag + ".ipc")).string();
  if (t == "inproc") return "inproc://zconform-" + tag;
  throw CaseStop{Verdict::unsupported, "an endpoint scheme for " + t, "zconform cannot allocate " + t + " endpoints yet"};
}

void CasePlay::setup() {
  // Capabilities first: a case the agent cannot run ends UNSUPPORTED before anything is sent.
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
    sockets_[name] = SocketSlot{name, &agent, "", "", 0};
  }
  if (spec_.transport == "inproc" && settings_.impl_a.name != settings_.impl_b.name) {
    throw CaseStop{Verdict::unsupported, "inproc between implementations", "inproc cannot join two processes"};
  }
  for (auto& [name, slot] : sockets_) {
    auto& ctx = contexts_[slot.agent];
    if (ctx.empty()) {
      Reply r = call(*slot.agent, "ctx_new", Json::object());
      if (r.status != ReplyStatus::ok) throw CaseStop{Verdict::error, "ctx_new succeeds", reply_text(r)};
      ctx = r.body.value("ctx", "");
    }
    Reply r = call(*slot.agent, "socket", {{"ctx", ctx}, {"type", spec_.socket_type(name)}});
    if (r.status != ReplyStatus::ok) throw CaseStop{Verdict::error, "socket " + spec_.socket_type(name) + " is created", reply_text(r)};
    slot.handle = r.body.value("socket", "");
    r = call(*slot.agent, "monitor", {{"socket", slot.handle}});
    if (r.status != ReplyStatus::ok) throw CaseStop{Verdict::error, "monitor starts", reply_text(r)};
  }
}

void CasePlay::link(SocketSlot& binder, SocketSlot& connector) {
  if (binder.endpoint.empty()) {
    Reply r = call(*binder.agent, "bind", {{"socket", binder.handle}, {"endpoint", endpoint_for(binder)}});
    expect_ok(r, "bind of " + binder.name);
    binder.endpoint = r.body.value("endpoint", "");
    if (binder.endpoint.empty()) throw CaseStop{Verdict::error, "bind returns the resolved endpoint", r.body.dump()};
  }
  expect_ok(call(*connector.agent, "connect", {{"socket", connector.handle}, {"endpoint", binder.endpoint}}),
            "connect of " + connector.name + " to " + binder.endpoint);
  ++binder.links;
  ++connector.links;
  if (!has_monitor_events(spec_.transport)) return;  // inproc attaches both pipes within connect
  // Synchronise on the handshake, seen from both ends, instead of waiting a fixed time.
  for (SocketSlot* slot : {&binder, &connector}) {
    auto handshakes_done = [slot](const std::vector<MonitorEvent>& events) {
      int n = 0;
      for (const auto& e : events) n += e.socket == slot->handle && e.name == "HANDSHAKE_SUCCEEDED";
      return n >= slot->links;
    };
    if (!slot->agent->wait_for_events(handshakes_done, steps_deadline_)) {
      throw CaseStop{failure_verdict(), std::to_string(slot->links) + " HANDSHAKE_SUCCEEDED event(s) on " + slot->name,
                     "none before the case deadline (see monitor_events)"};
    }
  }
}

void CasePlay::play(const Step& step) {
  result_.step = spec_.scenario->file.filename().string() + ":" + std::to_string(step.line);
  switch (step.kind) {
    case StepKind::link: {
      SocketSlot& x = sockets_.at(step.sockets[0]);
      SocketSlot& y = sockets_.at(step.sockets[1]);
      bool x_binds = spec_.scenario->sockets.at(x.name) == spec_.binder;
      result_.step += " link " + x.name + " " + y.name;
      return x_binds ? link(x, y) : link(y, x);
    }
    case StepKind::setsockopt: {
      SocketSlot& s = sockets_.at(step.sockets[0]);
      result_.step += " set " + step.option + " on " + s.name;
      Reply r = call(*s.agent, "setsockopt", {{"socket", s.handle}, {"option", step.option}, {"value", step.value}});
      return expect_outcome(r, step.error, "setsockopt " + step.option + " on " + s.name);
    }
    case StepKind::send: {
      SocketSlot& s = sockets_.at(step.sockets[0]);
      result_.step += " send on " + s.name;
      Json args = {{"socket", s.handle}, {"frames", protocol::frames_to_json(step.frames)}, {"dontwait", step.dontwait}};
      if (step.timeout_ms >= 0) args["timeout_ms"] = step.timeout_ms;
      Reply r = call(*s.agent, "send", std::move(args));
      return expect_outcome(r, step.error, "send of " + describe_frames(step.frames) + " on " + s.name);
    }
    case StepKind::recv: {
      SocketSlot& s = sockets_.at(step.sockets[0]);
      result_.step += " recv on " + s.name;
      // Expecting a message: wait for it as long as the case allows (it returns as soon as it
      // arrives). Expecting an error: the scenario says how long to look, by default not at all.
      int timeout = step.timeout_ms >= 0 ? std::min(step.timeout_ms, remaining_ms(steps_deadline_))
                    : step.error         ? 0
                                         : remaining_ms(steps_deadline_);
      Reply r = call(*s.agent, "recv", {{"socket", s.handle}, {"timeout_ms", timeout}});
      if (step.error) return expect_outcome(r, step.error, "recv on " + s.name);
      std::string expected = describe_frames(step.frames) + " on " + s.name + " within " + std::to_string(timeout) + " ms";
      if (r.status != ReplyStatus::ok) throw CaseStop{failure_verdict(), expected, reply_text(r)};
      protocol::Frames got;
      try {
        got = protocol::frames_from_json(r.body.value("frames", Json()), "frames");
      } catch (const protocol::ProtocolError& e) {
        throw CaseStop{Verdict::error, "a recv reply with frames", std::string("protocol error: ") + e.what()};
      }
      if (std::string diff = first_difference(step.frames, got); !diff.empty()) {
        throw CaseStop{failure_verdict(), expected, describe_frames(got) + " (" + diff + ")"};
      }
      return;
    }
  }
}

void CasePlay::teardown() {
  // linger 0 so that close and ctx_term return at once whatever is still queued.
  for (auto& [name, slot] : sockets_) {
    if (slot.handle.empty() || slot.agent->failed()) continue;
    slot.agent->call("setsockopt", {{"socket", slot.handle}, {"option", "linger"}, {"value", 0}}, case_deadline_);
    Reply r = slot.agent->call("close", {{"socket", slot.handle}}, case_deadline_);
    if (r.status != ReplyStatus::ok) throw CaseStop{Verdict::error, "close of " + name + " succeeds", reply_text(r)};
  }
  for (auto& [agent, ctx] : contexts_) {
    if (ctx.empty() || agent->failed()) continue;
    Reply r = agent->call("ctx_term", {{"ctx", ctx}}, case_deadline_);
    if (r.status != ReplyStatus::ok) throw CaseStop{Verdict::error, "ctx_term succeeds", reply_text(r)};
  }
}

void CasePlay::collect_observations() {
  std::set<AgentClient*> agents;
  for (auto& [name, slot] : sockets_) {
    if (!slot.agent) continue;
    agents.insert(slot.agent);
    for (const auto& e : slot.agent->events()) {
      if (e.socket != slot.handle || slot.handle.empty()) continue;
      result_.monitor_events.push_back({{"socket", name}, {"event", e.name}, {"value", e.value}, {"endpoint", e.endpoint}});
    }
  }
  for (AgentClient* agent : agents) {
    agent->clear_events();
    for (auto& line : agent->take_transcript()) result_.transcript.push_back(std::move(line));
  }
}

}  // namespace

CaseResult CaseRunner::run(const CaseSpec& spec, size_t case_number) {
  CaseResult result;
  result.id = spec.id;
  result.scenario_id = spec.scenario->id;
  result.title = spec.scenario->title;
  result.scenario_file = spec.scenario->file.string();
  result.clauses = spec.scenario->clauses;
  result.pairing = spec.pairing.name();
  result.transport = spec.transport;
  result.binder = spec.type_of(spec.binder);
  result.implementations = {settings_.impl_a.name, settings_.impl_b.name};
  result.rerun = settings_.rerun_prefix + " --filter '" + spec.id + "'";

  auto started = Clock::now();
  CasePlay play(spec, settings_, pool_, case_number, result);
  std::optional<CaseStop> stop;
  try {
    play.setup();
    for (const auto& step : spec.scenario->steps) play.play(step);
  } catch (const CaseStop& s) {
    stop = s;
  } catch (const AgentFailure& e) {
    stop = CaseStop{Verdict::error, "the agent answers within the case deadline", e.what()};
  } catch (const std::exception& e) {
    stop = CaseStop{Verdict::error, "the case runs", std::string("harness error: ") + e.what()};
  }
  // Teardown runs whatever happened, so the agent is clean for the next case; its own failure
  // only counts when the steps passed.
  try {
    play.teardown();
  } catch (const CaseStop& s) {
    if (!stop) stop = s;
  } catch (const AgentFailure& e) {
    if (!stop) stop = CaseStop{Verdict::error, "teardown completes", e.what()};
  } catch (const std::exception& e) {
    if (!stop) stop = CaseStop{Verdict::error, "teardown completes", std::string("harness error: ") + e.what()};
  }
  play.collect_observations();
  result.duration_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();

  if (!stop) {
    result.verdict = Verdict::pass;
    result.step.clear();
    result.transcript.clear();  // kept for the cases people need to read
  } else {
    result.verdict = stop->verdict;
    result.expected = stop->expected;
    result.actual = stop->actual;
  }
  return result;
}

}  // namespace zconform
