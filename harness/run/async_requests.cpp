#include "run/async_requests.hpp"

namespace zconform {

using protocol::Json;
using std::chrono::milliseconds;

long long ms_since(Clock::time_point t) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - t).count();
}

void start_async(CaseContext& cx, const std::string& name, AgentClient& agent,
                 const std::string& op, Json args, const std::string& what) {
  AsyncRequest r;
  r.agent = &agent;
  r.what = op + (what.empty() ? "" : " on " + what);
  r.is_term = op == "ctx_term";
  r.sent = Clock::now();
  r.id = agent.send(op, std::move(args));
  AsyncRequest& started = cx.requests[name] = r;
  cx.note("(as " + name + ")");
  // An operation the implementation lacks is answered at once: a hello round trip lets that
  // answer arrive, so the case ends UNSUPPORTED here instead of waiting for a reply that depends
  // on the missing operation (ETERM for a recv blocked before a ctx_term, say).
  cx.call(agent, "hello", Json::object());
  poll_reply(cx, started, Clock::now());
}

AsyncRequest& async_request(CaseContext& cx, const std::string& name) {
  auto it = cx.requests.find(name);
  // The loader checks names; a step that failed before starting its request leaves none.
  if (it == cx.requests.end())
    throw CaseStop{Verdict::error, "request '" + name + "' was started", "it never was"};
  return it->second;
}

bool poll_reply(CaseContext& cx, AsyncRequest& r, Clock::time_point deadline) {
  if (r.reply) return true;
  auto got = r.agent->wait_any({r.id}, deadline);
  if (!got) return false;
  r.reply = std::move(got->second);
  r.answered = r.agent->last_reply_arrival();
  if (r.reply->status == ReplyStatus::unsupported) {
    throw CaseStop{Verdict::unsupported, r.what + " supported",
                   r.agent->implementation().name + " agent: " + r.reply->reason};
  }
  if (r.is_term && r.reply->status == ReplyStatus::ok) cx.terminated.insert(r.agent);
  return true;
}

void release_async_requests(CaseContext& cx) {
  std::map<AgentClient*, std::vector<AsyncRequest*>> blocked;
  for (auto& [name, r] : cx.requests) {
    if (r.reply || r.is_term || r.agent->failed()) continue;
    if (!poll_reply(cx, r, Clock::now())) blocked[r.agent].push_back(&r);
  }
  for (auto& [agent, list] : blocked) {
    // ctx_shutdown makes every blocking call on the context return ETERM without waiting.
    auto ctx = cx.contexts.find(agent);
    Reply shutdown;
    if (ctx != cx.contexts.end() && !ctx->second.empty())
      shutdown = agent->call("ctx_shutdown", {{"ctx", ctx->second}}, cx.case_deadline);
    if (shutdown.status == ReplyStatus::unsupported) {
      // Nothing in this implementation releases a blocked call: a fresh agent is the only way.
      cx.observe("teardown",
                 "blocked calls left by the scenario and no ctx_shutdown to release "
                 "them: agent restarted (" +
                     shutdown.reason + ")");
      agent->kill();
      continue;
    }
    for (AsyncRequest* r : list) {
      if (poll_reply(cx, *r, cx.case_deadline)) continue;
      // The rest of teardown still runs; this agent is not fit for the next case.
      if (!cx.teardown_error) {
        cx.teardown_error =
            CaseStop{Verdict::error, r->what + " returns once the context is shut down",
                     "still blocked at the case deadline"};
      }
      cx.observe("teardown", r->what + " still blocked after ctx_shutdown: agent killed");
      agent->kill();
      break;
    }
  }
}

}  // namespace zconform
