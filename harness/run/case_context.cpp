#include "run/case_context.hpp"

#include "fault/fault_relay.hpp"
#include "run/frame_text.hpp"
#include "run/wire_peer.hpp"
#include "scenario/step_load.hpp"

namespace zconform {

using protocol::Json;
using std::chrono::milliseconds;

CaseContext::CaseContext(const CaseSpec& spec_, const RunSettings& settings_, AgentPool& pool_,
                         size_t number_, CaseResult& result_)
    : spec(spec_), settings(settings_), number(number_), result(result_), pool(pool_) {
  auto now = Clock::now();
  int ms = spec.scenario->deadline_ms;
  if (settings.deadline_cap_ms > 0) ms = std::min(ms, settings.deadline_cap_ms);
  ms = settings.scaled_ms(ms);
  auto budget = milliseconds(ms);
  case_deadline = now + budget;
  // Steps stop early enough to leave teardown a quarter of the budget (at most 2 s).
  steps_deadline = case_deadline - std::min<milliseconds>(budget / 4, milliseconds(2000));
}

CaseContext::~CaseContext() = default;

int CaseContext::remaining_ms() const {
  return static_cast<int>(std::max<long long>(
      0, std::chrono::duration_cast<milliseconds>(steps_deadline - Clock::now()).count()));
}

const SocketTypeTraits& CaseContext::traits(const SocketSlot& s) const {
  static const SocketTypeTraits none;
  const SocketTypeTraits* t = settings.pairings ? settings.pairings->traits(s.type) : nullptr;
  return t ? *t : none;
}

AgentClient& CaseContext::agent_for(Role role) {
  if (killed_roles.count(role)) {
    throw CaseStop{Verdict::error, "a step on a live role",
                   std::string("role ") + role_name(role) + " was killed: restart it first"};
  }
  const Implementation& impl = role == Role::a ? settings.impl_a : settings.impl_b;
  if (!spec.scenario->separate_processes) return pool.get(impl);
  return pool.get(impl, role_name(role));
}

Reply CaseContext::call(AgentClient& agent, const std::string& op, Json args) {
  Reply reply = agent.call(op, std::move(args), case_deadline);
  if (reply.status == ReplyStatus::unsupported) {
    throw CaseStop{Verdict::unsupported, op + " supported",
                   agent.implementation().name + " agent: " + reply.reason};
  }
  return reply;
}

Reply CaseContext::call(SocketSlot& s, const std::string& op, Json args) {
  args["socket"] = s.handle;
  return call(*s.agent, op, std::move(args));
}

Verdict CaseContext::failure_verdict() const {
  if (settings.strict) return Verdict::fail;
  // Only when every cited clause is a SHOULD is the failure NON-STRICT.
  for (const auto& id : spec.scenario->clauses) {
    const Clause* c = settings.catalogue ? settings.catalogue->find(id) : nullptr;
    if (!c || c->level != ClauseLevel::should) return Verdict::fail;
  }
  return Verdict::non_strict;
}

void CaseContext::fail(const std::string& expected, const std::string& actual) const {
  throw CaseStop{failure_verdict(), expected, actual};
}

void CaseContext::expect_ok(const Reply& reply, const std::string& what) const {
  if (reply.status != ReplyStatus::ok) fail(what + " succeeds", describe_reply(reply));
}

void CaseContext::expect_outcome(const Reply& reply, const std::optional<std::string>& error,
                                 const std::string& what) const {
  if (!error) return expect_ok(reply, what);
  if (reply.status == ReplyStatus::error && reply.error == *error) return;
  fail(what + " fails with " + *error, describe_reply(reply));
}

}  // namespace zconform
