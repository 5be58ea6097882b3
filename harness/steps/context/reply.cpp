// reply: waits for the reply to an asynchronous request and checks its outcome and timing.
#include "run/async_requests.hpp"
#include "run/frame_matching.hpp"
#include "run/messaging.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

using std::chrono::milliseconds;

struct ReplyStep final : StepOf<ReplyStep> {
  static constexpr const char* kName = "reply";
  static constexpr const char* kSummary =
      "The reply to an asynchronous request (`as`): its outcome, and when it came, in ms since the "
      "request (recorded "
      "as `reply_ms_<name>`), measured to when the harness read it from the agent.";

  std::string of;
  std::optional<std::string> error;
  FrameSpecs frames;
  int within_ms = -1;
  int not_before_ms = -1;

  static Fields<ReplyStep> fields() {
    return {
        field::text("of", &ReplyStep::of, "the request's name", "request name").required(),
        field::errno_name("error", &ReplyStep::error, "the errno name expected instead of success"),
        field::frames("frames", &ReplyStep::frames, "a recv's message expected"),
        field::integer("within_ms", &ReplyStep::within_ms, 0, 600000,
                       "the reply comes at most this long after the request"),
        field::integer("not_before_ms", &ReplyStep::not_before_ms, 0, 600000,
                       "and at least this long after it"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (!frames.empty() && error)
      load.fail(map, "'reply' expects 'frames' or an 'error', not both");
  }

  void declare(StepEffects& effects) const override { effects.uses_request(of); }

  void play(CaseContext& cx) const override {
    AsyncRequest& r = async_request(cx, of);
    cx.note("reply of " + of + " (" + r.what + ")");
    auto deadline = cx.steps_deadline;
    if (within_ms >= 0) deadline = std::min(deadline, r.sent + milliseconds(within_ms));
    const std::string when = within_ms >= 0 ? " within " + std::to_string(within_ms) + " ms" : "";
    if (!poll_reply(cx, r, deadline))
      cx.fail(r.what + " answered" + when,
              "no reply after " + std::to_string(ms_since(r.sent)) + " ms");
    // Measured to when the reply was read from the agent (perhaps during an earlier step), so a
    // reply read early is not timed late, nor one read late early. The agent's own latency is
    // inside.
    const long long took = std::chrono::duration_cast<milliseconds>(r.answered - r.sent).count();
    cx.observe("reply_ms_" + of, took);
    if (within_ms >= 0 && took > within_ms) {
      cx.fail(r.what + " answered" + when,
              "answered after " + std::to_string(took) + " ms: " + describe_reply(*r.reply));
    }
    if (not_before_ms >= 0 && took < not_before_ms) {
      cx.fail(r.what + " answered after at least " + std::to_string(not_before_ms) + " ms",
              "answered after " + std::to_string(took) + " ms: " + describe_reply(*r.reply));
    }
    cx.expect_outcome(*r.reply, error, r.what);
    if (!frames.empty()) {
      Received got = parse_received(*r.reply);
      check_message(cx, frames, got.frames, -1, describe(cx, frames) + " from " + r.what);
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(reply, ReplyStep)

}  // namespace zconform::steps
