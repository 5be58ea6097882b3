// new_socket: a socket created in a role's context (expected to fail after shutdown).
#include "run/linking.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct NewSocket final : StepOf<NewSocket> {
  static constexpr const char* kName = "new_socket";
  static constexpr const char* kSummary =
      "zmq_socket in the role's context (after a shutdown: ETERM). Not one of the scenario's "
      "sockets: closed again at once.";

  Role role = Role::a;
  std::string type;
  std::optional<std::string> error;

  static Fields<NewSocket> fields() {
    return {
        field::role("role", &NewSocket::role, "whose context").required(),
        field::text("type", &NewSocket::type, "the socket type: PUSH, REQ, ...", "socket type")
            .required(),
        field::errno_name("error", &NewSocket::error, "the errno name expected instead of success"),
    };
  }

  void play(CaseContext& cx) const override {
    AgentClient& agent = cx.agent_for(role);
    cx.note("new " + type + " socket");
    Reply r = cx.call(agent, "socket", {{"ctx", context_for(cx, agent)}, {"type", type}});
    // Closed again so that teardown's ctx_term does not wait for it.
    if (r.status == ReplyStatus::ok)
      cx.call(agent, "close", {{"socket", r.body.value("socket", "")}});
    cx.expect_outcome(r, error, "zmq_socket(" + type + ")");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(new_socket, NewSocket)

}  // namespace zconform::steps
