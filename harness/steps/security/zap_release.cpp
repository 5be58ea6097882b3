// zap_release: the role's ZAP handler sends the answers it holds (`hold: true`). A server that
// asked then gets its reply only after it went on waiting for it, which is the path a slow handler
// takes; a fast handler's reply may be read at once, in the same call that sent the request.
#include "run/linking.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct ZapRelease final : StepOf<ZapRelease> {
  static constexpr const char* kName = "zap_release";
  static constexpr const char* kSummary =
      "The role's ZAP handler sends every answer it holds (answers with `hold: true`), once at "
      "least one is held (it waits for a request up to the case deadline).";

  Role role = Role::a;

  static Shorthand shorthand() { return Shorthand::scalar_is("role"); }
  static Fields<ZapRelease> fields() {
    return {field::role("role", &ZapRelease::role, "whose handler").required()};
  }

  void play(CaseContext& cx) const override {
    AgentClient& agent = cx.agent_for(role);
    cx.note(std::string("zap_release in ") + role_name(role));
    Reply r = cx.call(agent, "zap_release",
                      {{"ctx", context_for(cx, agent)}, {"timeout_ms", cx.remaining_ms()}});
    cx.expect_ok(r, "zap_release");
    if (r.body.value("released", 0) == 0)
      cx.fail("a ZAP request held for release", "none before the case deadline");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(zap_release, ZapRelease)

}  // namespace zconform::steps
