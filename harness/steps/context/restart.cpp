// restart: a killed role comes back: new agent, new context, its sockets re-created and re-bound.
#include "run/linking.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Restart final : StepOf<Restart> {
  static constexpr const char* kName = "restart";
  static constexpr const char* kSummary =
      "After `kill`: a new agent, a new context, the role's sockets re-created (with their "
      "monitors and routing ids) "
      "and bound again to their old endpoints, as a restarted service would. The peers' "
      "reconnection is the "
      "scenario's to check.";

  Role role = Role::a;

  static Shorthand shorthand() { return Shorthand::scalar_is("role"); }
  static Fields<Restart> fields() {
    return {field::role("role", &Restart::role, "whose agent").required()};
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (!load.scenario.separate_processes)
      load.fail(map, "'restart' needs 'processes: separate' in the scenario");
  }

  void play(CaseContext& cx) const override {
    cx.note(std::string("restart ") + role_name(role));
    AgentClient* old = nullptr;
    for (auto& [name, s] : cx.sockets) {
      if (s.role == role) old = s.agent;
    }
    if (!cx.killed_roles.count(role))
      throw CaseStop{Verdict::error, "the role restarted was killed first",
                     "it is alive (add a kill step)"};
    if (old) harvest(cx, *old);
    std::erase_if(cx.requests, [&](const auto& entry) { return entry.second.agent == old; });
    for (auto& [name, s] : cx.sockets) {
      if (s.role == role) s.agent = nullptr;  // the pool replaces the killed client
    }
    cx.killed_roles.erase(role);
    AgentClient& agent = cx.agent_for(role);
    for (auto& [name, s] : cx.sockets) {
      if (s.role != role) continue;
      s.agent = &agent;
      create_socket(cx, s);
      if (s.endpoint.empty()) continue;
      Reply r = cx.call(s, "bind", {{"endpoint", s.endpoint}});
      cx.expect_ok(r, "bind of the restarted " + s.name + " to its old endpoint " + s.endpoint);
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(restart, Restart)

}  // namespace zconform::steps
