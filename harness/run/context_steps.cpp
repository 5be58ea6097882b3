// Contexts and sockets as objects with a lifetime: creating them (setup, restart), asynchronous
// requests (a recv or send left blocked, a ctx_term left waiting), context termination and
// shutdown (CTX-01..04), and the release of whatever is still blocked at teardown.
#include "run/case_play.hpp"
#include "run/frame_text.hpp"

namespace zconform {

using std::chrono::milliseconds;
using protocol::Json;

namespace {

long long ms_since(Clock::time_point t) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - t).count();
}

}  // namespace

std::string CasePlay::context_for(AgentClient& agent) {
  auto& ctx = contexts_[&agent];
  if (ctx.empty()) {
    Json args = Json::object();
    if (!spec_.scenario->context_options.empty()) args["options"] = spec_.scenario->context_options;
    Reply r = call(agent, "ctx_new", std::move(args));
    if (r.status != ReplyStatus::ok) throw CaseStop{Verdict::error, "ctx_new succeeds", describe_reply(r)};
    ctx = r.body.value("ctx", "");
  }
  return ctx;
}

void CasePlay::create_socket(SocketSlot& s) {
  Reply r = call(*s.agent, "socket", {{"ctx", context_for(*s.agent)}, {"type", s.type}});
  if (r.status != ReplyStatus::ok) throw CaseStop{Verdict::error, "socket " + s.type + " is created", describe_reply(r)};
  s.handle = r.body.value("socket", "");
  s.created_handle = s.handle;
  if (spec_.scenario->monitors) {
    r = call(s, "monitor", Json::object());
    if (r.status != ReplyStatus::ok) throw CaseStop{Verdict::error, "monitor starts", describe_reply(r)};
  }
  // pairings.yaml: the sockets a ROUTER addresses get a known routing id before they connect.
  // (Wire cases set the implementation's routing id themselves: what goes on the wire is the point.)
  const PairingInfo* info = settings_.pairings->valid(spec_.pairing);
  if (info && spec_.scenario->routing_ids && !spec_.scenario->raw_peer && info->routing_id_roles.count(s.role)) {
    set_option(s, "routing_id", s.name);
  }
}

void CasePlay::start_async(const Step& step, AgentClient& agent, const std::string& op, Json args, const std::string& what) {
  AsyncRequest r;
  r.agent = &agent;
  r.what = op + (what.empty() ? "" : " on " + what);
  r.is_term = op == "ctx_term";
  r.sent = Clock::now();
  r.id = agent.send(op, std::move(args));
  requests_[step.as] = r;
  result_.step += " (as " + step.as + ")";
}

AsyncRequest& CasePlay::async_request(const std::string& name) {
  auto it = requests_.find(name);
  // The loader checks names; a step that failed before starting its request leaves none.
  if (it == requests_.end()) throw CaseStop{Verdict::error, "request '" + name + "' was started", "it never was"};
  return it->second;
}

// True once the reply is in (kept in the request); false when the deadline came first.
bool CasePlay::poll_reply(AsyncRequest& r, Clock::time_point deadline) {
  if (r.reply) return true;
  auto got = r.agent->wait_any({r.id}, deadline);
  if (!got) return false;
  r.reply = std::move(got->second);
  r.answered = r.agent->last_reply_arrival();
  if (r.reply->status == ReplyStatus::unsupported) {
    throw CaseStop{Verdict::unsupported, r.what + " supported", r.agent->implementation().name + " agent: " + r.reply->reason};
  }
  if (r.is_term && r.reply->status == ReplyStatus::ok) terminated_.insert(r.agent);
  return true;
}

void CasePlay::term_step(const Step& step) {
  AgentClient& agent = agent_for(step.role);
  result_.step += step.role == Role::a ? " term A" : " term B";
  const std::string ctx = context_for(agent);
  if (!step.as.empty()) return start_async(step, agent, "ctx_term", {{"ctx", ctx}}, "");
  Reply r = call(agent, "ctx_term", {{"ctx", ctx}});
  if (r.status == ReplyStatus::ok) terminated_.insert(&agent);
  expect_outcome(r, step.error, "ctx_term");
}

void CasePlay::shutdown_step(const Step& step) {
  AgentClient& agent = agent_for(step.role);
  result_.step += step.role == Role::a ? " shutdown A" : " shutdown B";
  expect_ok(call(agent, "ctx_shutdown", {{"ctx", context_for(agent)}}), "ctx_shutdown");
}

void CasePlay::new_socket_step(const Step& step) {
  AgentClient& agent = agent_for(step.role);
  result_.step += " new " + step.type + " socket";
  Reply r = call(agent, "socket", {{"ctx", context_for(agent)}, {"type", step.type}});
  if (r.status == ReplyStatus::ok) {
    // Not the scenario's socket: closed again so that teardown's ctx_term does not wait for it.
    call(agent, "close", {{"socket", r.body.value("socket", "")}});
  }
  expect_outcome(r, step.error, "zmq_socket(" + step.type + ")");
}

void CasePlay::reply_step(const Step& step) {
  AsyncRequest& r = async_request(step.requests[0]);
  result_.step += " reply of " + step.requests[0] + " (" + r.what + ")";
  auto deadline = steps_deadline_;
  if (step.within_ms >= 0) deadline = std::min(deadline, r.sent + milliseconds(step.within_ms));
  const std::string when = step.within_ms >= 0 ? " within " + std::to_string(step.within_ms) + " ms" : "";
  if (!poll_reply(r, deadline)) fail(r.what + " answered" + when, "no reply after " + std::to_string(ms_since(r.sent)) + " ms");
  // Measured to when the reply was read from the agent (perhaps during an earlier step), so a
  // reply read early is not timed late, nor one read late early. The agent's own latency is inside.
  const long long took = std::chrono::duration_cast<milliseconds>(r.answered - r.sent).count();
  observe("reply_ms_" + step.requests[0], took);
  if (step.within_ms >= 0 && took > step.within_ms) {
    fail(r.what + " answered" + when, "answered after " + std::to_string(took) + " ms: " + describe_reply(*r.reply));
  }
  if (step.not_before_ms >= 0 && took < step.not_before_ms) {
    fail(r.what + " answered after at least " + std::to_string(step.not_before_ms) + " ms",
         "answered after " + std::to_string(took) + " ms: " + describe_reply(*r.reply));
  }
  expect_outcome(*r.reply, step.error, r.what);
  if (!step.frames.empty()) {
    Received got = parse_received(*r.reply);
    check_message(step.frames, got.frames, -1, describe(step.frames) + " from " + r.what);
  }
}

// The requests must still be unanswered. A round trip to the same agent comes first (hello, which
// any agent answers at once): a reply that was on its way, from a call that does not block, is
// most likely written before that round trip ends, and then it is read here. `for_ms` makes
// it certain where a scenario needs that: no reply may come for that long.
void CasePlay::pending_step(const Step& step) {
  result_.step += " pending";
  const auto until = Clock::now() + milliseconds(std::max(0, step.within_ms));
  for (const auto& name : step.requests) {
    AsyncRequest& r = async_request(name);
    if (!r.reply && !r.agent->failed()) call(*r.agent, "hello", Json::object());
    if (poll_reply(r, until)) {
      fail(r.what + " (" + name + ") still blocked", "answered after " + std::to_string(ms_since(r.sent)) + " ms: " + describe_reply(*r.reply));
    }
  }
}

void CasePlay::harvest(AgentClient& agent) {
  for (const auto& e : agent.events()) {
    for (auto& [name, s] : sockets_) {
      if (s.agent == &agent && e.socket == s.created_handle) {
        result_.monitor_events.push_back({{"socket", name}, {"event", e.name}, {"value", e.value}, {"endpoint", e.endpoint}});
      }
    }
  }
  agent.clear_events();
  for (auto& line : agent.take_transcript()) result_.transcript.push_back(std::move(line));
}

// The killed role comes back as a restarted service would: a new process, a new context, the same
// sockets bound to the same endpoints. The peers' reconnection is then the scenario's to check.
void CasePlay::restart_role(const Step& step) {
  result_.step += step.role == Role::a ? " restart A" : " restart B";
  AgentClient* old = nullptr;
  for (auto& [name, s] : sockets_) {
    if (s.role == step.role) old = s.agent;
  }
  if (!killed_roles_.count(step.role)) throw CaseStop{Verdict::error, "the role restarted was killed first", "it is alive (add a kill step)"};
  if (old) harvest(*old);
  std::erase_if(requests_, [&](const auto& entry) { return entry.second.agent == old; });
  for (auto& [name, s] : sockets_) {
    if (s.role == step.role) s.agent = nullptr;  // the pool replaces the killed client
  }
  killed_roles_.erase(step.role);
  AgentClient& agent = agent_for(step.role);
  for (auto& [name, s] : sockets_) {
    if (s.role != step.role) continue;
    s.agent = &agent;
    create_socket(s);
    if (s.endpoint.empty()) continue;
    Reply r = call(s, "bind", {{"endpoint", s.endpoint}});
    expect_ok(r, "bind of the restarted " + s.name + " to its old endpoint " + s.endpoint);
  }
}

void CasePlay::release_async_requests() {
  std::map<AgentClient*, std::vector<AsyncRequest*>> blocked;
  for (auto& [name, r] : requests_) {
    if (r.reply || r.is_term || r.agent->failed()) continue;
    if (!poll_reply(r, Clock::now())) blocked[r.agent].push_back(&r);
  }
  for (auto& [agent, list] : blocked) {
    // ctx_shutdown makes every blocking call on the context return ETERM without waiting.
    auto ctx = contexts_.find(agent);
    if (ctx != contexts_.end() && !ctx->second.empty()) agent->call("ctx_shutdown", {{"ctx", ctx->second}}, case_deadline_);
    for (AsyncRequest* r : list) {
      if (poll_reply(*r, case_deadline_)) continue;
      // The rest of teardown still runs; this agent is not fit for the next case.
      if (!teardown_error_) teardown_error_ = CaseStop{Verdict::error, r->what + " returns once the context is shut down", "still blocked at the case deadline"};
      observe("teardown", r->what + " still blocked after ctx_shutdown: agent killed");
      agent->kill();
      break;
    }
  }
}

}  // namespace zconform
