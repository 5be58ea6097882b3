// join, leave: a DISH's groups (RD-01, zmq_join and zmq_leave). One type per kind, one template.
#include "steps/message/draft_properties.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

template <bool kJoin>
struct GroupStep final : StepOf<GroupStep<kJoin>> {
  static constexpr const char* kName = kJoin ? "join" : "leave";
  static constexpr const char* kSummary =
      kJoin ? "A DISH joins a group (zmq_join): it receives the group's messages from then on."
            : "A DISH leaves a group (zmq_leave): the group's messages stop reaching it.";

  std::string socket;
  std::string group;
  std::optional<std::string> error;

  static Fields<GroupStep> fields() {
    return {
        field::socket("socket", &GroupStep::socket, "the DISH").required(),
        field::custom<GroupStep>("group", "string", "the group",
                                 [](const StepLoad& load, const YAML::Node& node, GroupStep& s) {
                                   s.group = read_group(load, node);
                                 })
            .required(),
        field::errno_name("error", &GroupStep::error, "the errno name expected instead of success"),
    };
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note(std::string(kName) + " " + group + " on " + s.name);
    Reply r = cx.call(s, kName, {{"group", group}});
    cx.expect_outcome(r, error, std::string(kName) + " \"" + group + "\" on " + s.name);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(join, GroupStep<true>)
ZCONFORM_DEFINE_STEP_KIND(leave, GroupStep<false>)

}  // namespace zconform::steps
