// set: setsockopt on one socket.
#include "run/messaging.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Set final : StepOf<Set> {
  static constexpr const char* kName = "set";
  static constexpr const char* kSummary =
      "setsockopt (option names as in harness/agents/PROTOCOL.md).";

  std::string socket;
  std::string option;
  Json value;
  std::optional<std::string> error;

  static Fields<Set> fields() {
    return {
        field::socket("socket", &Set::socket, "the socket").required(),
        field::text("option", &Set::option, "the option's name: sndhwm, routing_id, ...",
                    "option name")
            .required(),
        field::option_value("value", &Set::value, "the value; quote it to keep a string")
            .required(),
        field::errno_name("error", &Set::error, "the errno name expected instead of success"),
    };
  }

  // ZMQ_REQ_RELAXED lifts REQ-01's alternation from here on.
  void declare(StepEffects& effects) const override {
    if (option == "req_relaxed") effects.relax_turns(socket);
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note("set " + option + " on " + s.name);
    set_option(cx, s, option, resolved_option_value(cx, value), error);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(set, Set)

}  // namespace zconform::steps
