#pragma once
// Requests left blocked on purpose (`as: name`): a recv or send waiting in the implementation, a
// ctx_term waiting for sockets. Started by one step, checked by `reply` or `pending`, released
// at teardown.
#include <string>

#include "run/case_context.hpp"

namespace zconform {

void start_async(CaseContext& cx, const std::string& name, AgentClient& agent,
                 const std::string& op, protocol::Json args, const std::string& what);
// The request started under `name`; a step that failed before starting it leaves none (error).
AsyncRequest& async_request(CaseContext& cx, const std::string& name);
// True once the reply is in (kept in the request); false when the deadline came first.
bool poll_reply(CaseContext& cx, AsyncRequest& r, Clock::time_point deadline);
// Teardown's part: blocked requests released (ctx_shutdown), then waited for.
void release_async_requests(CaseContext& cx);

long long ms_since(Clock::time_point t);

}  // namespace zconform
