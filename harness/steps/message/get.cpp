// get: getsockopt, compared with the value expected.
#include "protocol/base64.hpp"
#include "run/messaging.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Get final : StepOf<Get> {
  static constexpr const char* kName = "get";
  static constexpr const char* kSummary =
      "getsockopt, compared with `value` (or the error expected).";

  std::string socket;
  std::string option;
  Json value;
  std::optional<std::string> error;

  static Fields<Get> fields() {
    return {
        field::socket("socket", &Get::socket, "the socket").required(),
        field::text("option", &Get::option, "the option's name", "option name").required(),
        field::option_value("value", &Get::value, "the value expected"),
        field::errno_name("error", &Get::error, "the errno name expected instead of a value"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (value.is_null() == !error) load.fail(map, "'get' expects either a 'value' or an 'error'");
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note("get " + option + " on " + s.name);
    Reply r = cx.call(s, "getsockopt", {{"option", option}});
    cx.expect_outcome(r, error, "getsockopt " + option + " on " + s.name);
    if (error) return;
    const Json got = r.body.value("value", Json());
    const Json wanted = option_value(option, resolved_option_value(cx, value));
    if (got == wanted) return;
    auto show = [&](const Json& v) {
      if (v.is_string() && wanted.is_string() && v != value) {
        if (auto bytes = protocol::base64_decode(v.get<std::string>()))
          return describe_frames({*bytes});
      }
      return v.dump();
    };
    cx.fail(option + " on " + s.name + " is " + show(wanted), show(got));
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(get, Get)

}  // namespace zconform::steps
