#include "run/case_play.hpp"

#include <set>

#include "fault/fault_relay.hpp"
#include "run/async_requests.hpp"
#include "run/capabilities.hpp"
#include "run/frame_text.hpp"
#include "run/linking.hpp"
#include "run/wire_peer.hpp"

namespace zconform {

CasePlay::CasePlay(const CaseSpec& spec, const RunSettings& settings, AgentPool& pool,
                   size_t number, CaseResult& result)
    : cx_(spec, settings, pool, number, result) {}

void CasePlay::setup() {
  const CaseSpec& spec = cx_.spec;
  // Capabilities first: a case the agent cannot run ends UNSUPPORTED before anything is sent.
  const bool same_process =
      cx_.settings.impl_a.name == cx_.settings.impl_b.name && !spec.scenario->separate_processes;
  if (auto gap = capability_gap(spec, same_process, [&](Role role) -> const AgentHello& {
        return cx_.agent_for(role).hello();
      })) {
    throw CaseStop{Verdict::unsupported, gap->expected, gap->actual};
  }
  for (const auto& [name, role] : spec.scenario->sockets) {
    SocketSlot s;
    s.name = name;
    s.role = role;
    s.type = spec.socket_type(name);
    s.agent = &cx_.agent_for(role);
    cx_.sockets[name] = std::move(s);
  }
  endpoint_for(cx_, cx_.sockets.begin()
                        ->second);  // an unsupported transport stops here, before any socket exists
  for (auto& [name, s] : cx_.sockets) create_socket(cx_, s);
}

void CasePlay::play(const Step& step) {
  cx_.result.step = cx_.scenario().file.filename().string() + ":" + std::to_string(step.line);
  step.play(cx_);
}

void CasePlay::teardown() {
  release_async_requests(cx_);
  // linger 0 so that close and ctx_term return at once whatever is still queued.
  for (auto& [name, s] : cx_.sockets) {
    if (s.handle.empty() || s.agent->failed()) continue;
    s.agent->call("setsockopt", {{"socket", s.handle}, {"option", "linger"}, {"value", 0}},
                  cx_.case_deadline);
    Reply r = s.agent->call("close", {{"socket", s.handle}}, cx_.case_deadline);
    if (r.status != ReplyStatus::ok)
      throw CaseStop{Verdict::error, "close of " + name + " succeeds", describe_reply(r)};
  }
  for (auto& [agent, ctx] : cx_.contexts) {
    if (ctx.empty() || agent->failed() || cx_.terminated.count(agent)) continue;
    // A ctx_term the scenario started and left pending completes now that the sockets are closed,
    // unless a socket closed earlier still lingers (LINGER -1, no peer): nothing can cut that
    // short, so after a second the agent is killed and the pool starts a fresh one.
    std::optional<Reply> r;
    bool stuck = false;
    for (auto& [name, request] : cx_.requests) {
      if (request.agent != agent || !request.is_term || request.reply) continue;
      auto answer = agent->wait_any(
          {request.id}, std::min(cx_.case_deadline, Clock::now() + std::chrono::seconds(1)));
      if (answer)
        r = std::move(answer->second);
      else
        stuck = true;
    }
    if (stuck) {
      cx_.observe("teardown", "ctx_term still blocked by a lingering socket: agent killed");
      agent->kill();
      continue;
    }
    if (!r) r = agent->call("ctx_term", {{"ctx", ctx}}, cx_.case_deadline);
    // An implementation without zmq_ctx_term (zeromq.js) lets the context go its own way.
    if (r->status == ReplyStatus::unsupported) continue;
    if (r->status != ReplyStatus::ok)
      throw CaseStop{Verdict::error, "ctx_term succeeds", describe_reply(*r)};
  }
  if (cx_.relay) cx_.relay_stats = cx_.relay->stats();
  cx_.relay.reset();
  if (cx_.teardown_error) throw *cx_.teardown_error;
}

void CasePlay::collect_observations() {
  if (cx_.wire) cx_.result.wire_transcript = cx_.wire->transcript().lines();
  if (cx_.relay) cx_.relay_stats = cx_.relay->stats();
  if (cx_.relay_stats) cx_.observe("relay", *cx_.relay_stats);
  std::set<AgentClient*> agents;
  for (auto& [name, s] : cx_.sockets) {
    if (s.agent) agents.insert(s.agent);
  }
  for (AgentClient* agent : agents) harvest(cx_, *agent);
}

}  // namespace zconform
