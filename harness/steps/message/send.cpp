// send: raw frames on one socket; numbered bursts; a call left blocked (`as`).
#include "run/async_requests.hpp"
#include "run/frame_matching.hpp"
#include "run/messaging.hpp"
#include "steps/message/draft_properties.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Send final : StepOf<Send> {
  static constexpr const char* kName = "send";
  static constexpr const char* kSummary =
      "Raw frames on one socket (no envelope). With `count`, numbered messages that a later "
      "`collect` can read "
      "back; with `as`, the call is left blocked and a later `reply` checks it.";

  std::string socket;
  FrameSpecs frames;
  std::optional<std::string> error;
  int timeout_ms = -1;
  bool dontwait = false;
  int count = 1;
  int number_from = 0;
  bool blocking = false;
  std::string as;
  RoutingIdSpec routing_id;
  std::optional<std::string> group;

  static Fields<Send> fields() {
    return {
        field::socket("socket", &Send::socket, "the sending socket").required(),
        field::frames("frames", &Send::frames, "the message; \"{n}\" is its number when count > 1")
            .required(),
        field::errno_name("error", &Send::error, "the errno name expected instead of success"),
        field::integer("timeout_ms", &Send::timeout_ms, 0, 600000, "how long the send may wait")
            .defaults("what the case has left"),
        field::boolean("dontwait", &Send::dontwait, "ZMQ_DONTWAIT"),
        field::integer("count", &Send::count, 1, 100000, "messages sent, numbered"),
        field::integer(
            "number_from", &Send::number_from, 0, 100000,
            "the first number: a burst that continues the last one (collect checks both)"),
        field::boolean("blocking", &Send::blocking,
                       "the implementation blocks itself (SNDTIMEO applies): no agent-side wait"),
        request_name_field<Send>(&Send::as,
                                 "start the send and go on: a later `reply` or `pending` names it"),
        routing_id_field<Send>(
            &Send::routing_id, false,
            "the peer a SERVER sends to (draft types): a number, or one captured "
            "by a recv"),
        group_field<Send>(&Send::group, "the group a RADIO publishes to (draft types)"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (frames.empty()) load.fail(map, "'send' needs a non-empty 'frames' list");
    if (map["number_from"] && count < 2)
      load.fail(map, "'number_from' (>= 0) goes with a 'count' of 2 or more");
    if (blocking && (dontwait || map["timeout_ms"])) {
      load.fail(map,
                "'blocking' leaves the wait to the implementation: no 'dontwait' or 'timeout_ms' "
                "with it");
    }
    const bool has_properties = routing_id.kind != RoutingIdSpec::Kind::none || group;
    if (has_properties && (blocking || !as.empty()))
      load.fail(map, "'routing_id' and 'group' go with a plain send: no 'blocking' or 'as'");
    if (!as.empty() && (count != 1 || error || dontwait || blocking || timeout_ms >= 0)) {
      load.fail(map,
                "an asynchronous send ('as') is one message that blocks until a later step; its "
                "outcome is checked by a 'reply' step");
    }
  }

  void declare(StepEffects& effects) const override {
    // Each message is a turn: a second one in a row is a REQ/REP mistake the loader reports.
    for (int i = 0; !error && i < std::min(count, 2); ++i) effects.turn(socket, true);
    if (!as.empty()) effects.starts_request(as);
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note("send on " + s.name);
    if (!as.empty()) {
      // Blocks in the implementation (SNDTIMEO applies) until a later step releases it.
      return start_async(
          cx, as, *s.agent, "send",
          {{"socket", s.handle}, {"frames", protocol::frames_to_json(resolve(cx, frames))}},
          s.name);
    }
    std::string key = "delivery";
    if (number_from > 0) {
      // Continues the last burst: it must be this socket's, and end where this one starts.
      if (!cx.burst || cx.burst->socket != s.name || cx.burst->sent != number_from) {
        throw CaseStop{
            Verdict::error,
            "a burst on " + s.name + " of exactly " + std::to_string(number_from) +
                " messages before number_from",
            cx.burst ? std::to_string(cx.burst->sent) + " on " + cx.burst->socket : "none"};
      }
      key = cx.burst->key;
    }
    for (int n = number_from; n < number_from + count; ++n) {
      Frames message = resolve(cx, frames, count > 1 ? n : -1);
      Reply r;
      if (blocking) {
        r = cx.call(s, "send", {{"frames", protocol::frames_to_json(message)}});
      } else {
        const int timeout =
            timeout_ms >= 0 ? std::min(timeout_ms, cx.remaining_ms()) : cx.remaining_ms();
        r = send_frames(cx, s, message, dontwait, timeout,
                        resolve_properties(cx, routing_id, group));
      }
      cx.expect_outcome(r, error, "send of " + describe_frames(message) + " on " + s.name);
    }
    // Numbered messages: what a later collect checks delivery against. With number_from the
    // burst continues the last one: collect then checks the numbers of both.
    if (count > 1 && !error) cx.burst = NumberedBurst{s.name, key, number_from + count};
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(send, Send)

}  // namespace zconform::steps
