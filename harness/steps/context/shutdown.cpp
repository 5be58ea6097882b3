// shutdown: zmq_ctx_shutdown on a role's context.
#include "run/linking.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Shutdown final : StepOf<Shutdown> {
  static constexpr const char* kName = "shutdown";
  static constexpr const char* kSummary =
      "zmq_ctx_shutdown on the role's context: blocking calls on it return ETERM.";

  Role role = Role::a;

  static Shorthand shorthand() { return Shorthand::scalar_is("role"); }
  static Fields<Shutdown> fields() {
    return {field::role("role", &Shutdown::role, "whose context").required()};
  }

  void play(CaseContext& cx) const override {
    AgentClient& agent = cx.agent_for(role);
    cx.note(std::string("shutdown ") + role_name(role));
    cx.expect_ok(cx.call(agent, "ctx_shutdown", {{"ctx", context_for(cx, agent)}}), "ctx_shutdown");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(shutdown, Shutdown)

}  // namespace zconform::steps
