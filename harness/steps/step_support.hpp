#pragma once
// What every step type file includes: the field tables and kind descriptions (scenario/), the case
// it plays against (run/case_context.hpp), and a field for the names of asynchronous requests.
#include <regex>

#include "run/case_context.hpp"
#include "run/frame_text.hpp"
#include "scenario/step_kind.hpp"

// Defines `const StepKind& <name>_step_kind()`, the function steps/step_kinds.def registers.
#define ZCONFORM_DEFINE_STEP_KIND(name, Type)            \
  const StepKind& name##_step_kind() {                   \
    static const StepKind kind = make_step_kind<Type>(); \
    return kind;                                         \
  }

namespace zconform::steps {

using protocol::Json;

// `as: name`: the request is sent and not waited for; a later `reply` or `pending` names it.
template <typename S, typename A>
Field<S> request_name_field(A access, std::string doc) {
  return field::custom<S>("as", "name [a-z][a-z0-9_]*", std::move(doc),
                          [access](const StepLoad& load, const YAML::Node& node, S& s) {
                            static const std::regex form(R"([a-z][a-z0-9_]*)");
                            const std::string name = node.IsScalar() ? node.Scalar() : "";
                            if (!std::regex_match(name, form))
                              load.fail(node, "'as' names a request: [a-z][a-z0-9_]*");
                            std::invoke(access, s) = name;
                          });
}

// The one agent that holds every socket of `sockets`, for a call over several of them (poll,
// proxy); sockets spread over two agents (two implementations in a pair run) stop the case.
inline AgentClient& agent_holding(CaseContext& cx, const std::vector<std::string>& sockets,
                                  const std::string& what) {
  AgentClient* agent = cx.slot(sockets.at(0)).agent;
  for (const auto& name : sockets) {
    if (cx.slot(name).agent != agent)
      throw CaseStop{Verdict::error, what + "'s sockets in one agent",
                     name + " is in another agent process"};
  }
  return *agent;
}

}  // namespace zconform::steps
