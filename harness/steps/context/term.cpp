// term: zmq_ctx_term on a role's context (CTX-01..04), asynchronous with `as`.
#include "run/async_requests.hpp"
#include "run/linking.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Term final : StepOf<Term> {
  static constexpr const char* kName = "term";
  static constexpr const char* kSummary =
      "zmq_ctx_term on the role's context; with `as` it is left waiting (for sockets still open) "
      "and a later `reply` "
      "checks it.";

  Role role = Role::a;
  std::string as;
  std::optional<std::string> error;

  static Shorthand shorthand() { return Shorthand::scalar_is("role"); }
  static Fields<Term> fields() {
    return {
        field::role("role", &Term::role, "whose context").required(),
        request_name_field<Term>(&Term::as,
                                 "start the term and go on: a later `reply` or `pending` names it"),
        field::errno_name("error", &Term::error, "the errno name expected instead of success"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (!as.empty() && error)
      load.fail(map, "an asynchronous term ('as') is checked by a 'reply' step: no 'error' here");
  }

  void declare(StepEffects& effects) const override {
    if (!as.empty()) effects.starts_request(as);
  }

  void play(CaseContext& cx) const override {
    AgentClient& agent = cx.agent_for(role);
    cx.note(std::string("term ") + role_name(role));
    const std::string ctx = context_for(cx, agent);
    if (!as.empty()) return start_async(cx, as, agent, "ctx_term", {{"ctx", ctx}}, "");
    Reply r = cx.call(agent, "ctx_term", {{"ctx", ctx}});
    if (r.status == ReplyStatus::ok) cx.terminated.insert(&agent);
    cx.expect_outcome(r, error, "ctx_term");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(term, Term)

}  // namespace zconform::steps
