// pending: asynchronous requests that must still be unanswered.
#include "run/async_requests.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

using std::chrono::milliseconds;

struct Pending final : StepOf<Pending> {
  static constexpr const char* kName = "pending";
  static constexpr const char* kSummary =
      "The requests are still unanswered after a round trip to their agent (hello, which any agent "
      "answers at once: "
      "a reply already on its way is most likely read by then), and for `for_ms` more where a "
      "scenario needs certainty.";

  std::vector<std::string> of;
  int for_ms = 0;

  static Shorthand shorthand() { return Shorthand::sequence_is("of"); }
  static Fields<Pending> fields() {
    return {
        field::texts("of", &Pending::of, "the requests' names", "list of request names").required(),
        field::integer("for_ms", &Pending::for_ms, 0, 10000,
                       "no reply may come for this long either"),
    };
  }

  void declare(StepEffects& effects) const override {
    for (const auto& name : of) effects.uses_request(name);
  }

  void play(CaseContext& cx) const override {
    cx.note("pending");
    const auto until = Clock::now() + milliseconds(for_ms);
    for (const auto& name : of) {
      AsyncRequest& r = async_request(cx, name);
      if (!r.reply && !r.agent->failed()) cx.call(*r.agent, "hello", Json::object());
      if (poll_reply(cx, r, until)) {
        cx.fail(r.what + " (" + name + ") still blocked", "answered after " +
                                                              std::to_string(ms_since(r.sent)) +
                                                              " ms: " + describe_reply(*r.reply));
      }
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(pending, Pending)

}  // namespace zconform::steps
