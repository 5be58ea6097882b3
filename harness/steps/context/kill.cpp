// kill: SIGKILL the agent playing a role (needs `processes: separate`).
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Kill final : StepOf<Kill> {
  static constexpr const char* kName = "kill";
  static constexpr const char* kSummary =
      "SIGKILLs the agent playing the role, as a crash would end it (needs `processes: separate`); "
      "its sockets are "
      "gone until `restart`.";

  Role role = Role::a;

  static Shorthand shorthand() { return Shorthand::scalar_is("role"); }
  static Fields<Kill> fields() {
    return {field::role("role", &Kill::role, "whose agent").required()};
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (!load.scenario.separate_processes)
      load.fail(map, "'kill' needs 'processes: separate' in the scenario");
  }

  void play(CaseContext& cx) const override {
    cx.note(std::string("kill ") + role_name(role));
    AgentClient& agent = cx.agent_for(role);
    agent.kill();
    for (auto& [name, s] : cx.sockets) {
      if (s.agent == &agent) s.handle.clear();
    }
    cx.contexts.erase(&agent);
    cx.terminated.erase(&agent);
    cx.killed_roles.insert(role);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(kill, Kill)

}  // namespace zconform::steps
