// recv: raw frames expected on one socket, or an error; a call left blocked (`as`).
#include "run/async_requests.hpp"
#include "run/frame_matching.hpp"
#include "run/messaging.hpp"
#include "steps/message/draft_properties.hpp"
#include "steps/message/message_metadata.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Recv final : StepOf<Recv> {
  static constexpr const char* kName = "recv";
  static constexpr const char* kSummary =
      "Waits for a message on one socket (up to the case deadline, or `timeout_ms`) and compares "
      "it frame by frame, "
      "or expects the error (by default without waiting). With `as`, the call is left blocked for "
      "a later `reply`.";

  std::string socket;
  FrameSpecs frames;
  std::optional<std::string> error;
  int timeout_ms = -1;
  std::string as;
  RoutingIdSpec routing_id;
  std::optional<std::string> group;
  MetadataSpecs properties;

  static Fields<Recv> fields() {
    return {
        field::socket("socket", &Recv::socket, "the receiving socket").required(),
        field::frames("frames", &Recv::frames, "the message expected (captures allowed)"),
        field::errno_name("error", &Recv::error, "the errno name expected instead of a message"),
        field::integer("timeout_ms", &Recv::timeout_ms, 0, 600000, "how long to wait")
            .defaults("message: what the case has left; error: 0"),
        request_name_field<Recv>(&Recv::as,
                                 "start the recv and go on: a later `reply` or `pending` names it"),
        routing_id_field<Recv>(&Recv::routing_id, true,
                               "the routing id a SERVER sees on the message (draft types): "
                               "expected, or captured for a later send"),
        group_field<Recv>(&Recv::group, "the group a DISH sees on the message (draft types)"),
        metadata_field<Recv>(&Recv::properties,
                             "metadata of the message expected (zmq_msg_gets): Socket-Type, "
                             "Routing-Id, Peer-Address, X- properties"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if ((routing_id.kind != RoutingIdSpec::Kind::none || group || !properties.empty()) &&
        (error || !as.empty()))
      load.fail(map,
                "'routing_id', 'group' and 'properties' are checked on a message received here");
    if (!as.empty()) {
      if (!frames.empty() || error || timeout_ms >= 0) {
        load.fail(map,
                  "an asynchronous recv ('as') blocks until a later step and is checked by a "
                  "'reply' step: no 'frames', 'error' or 'timeout_ms' here");
      }
      return;
    }
    if (frames.empty() == !error)
      load.fail(map, "'recv' expects exactly one of 'frames' and 'error'");
  }

  void declare(StepEffects& effects) const override {
    if (!error) effects.turn(socket, false);
    if (!as.empty()) effects.starts_request(as);
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note("recv on " + s.name);
    if (!as.empty())
      return start_async(cx, as, *s.agent, "recv", {{"socket", s.handle}, {"timeout_ms", -1}},
                         s.name);
    // Expecting a message: by default as long as the case allows (it returns as soon as it
    // arrives).
    if (!error) {
      Received got = expect_message(cx, s, frames, -1, "", timeout_ms, metadata_names(properties));
      check_properties(cx, routing_id, group, got, describe(cx, frames, -1) + " on " + s.name);
      check_metadata(cx, s, properties, got, describe(cx, frames, -1) + " on " + s.name);
      return;
    }
    // Expecting an error: the scenario says how long to look, by default not at all.
    const int timeout = timeout_ms >= 0 ? std::min(timeout_ms, cx.remaining_ms()) : 0;
    Received got = receive(cx, s, timeout);
    if (got.ok())
      cx.fail("recv on " + s.name + " fails with " + *error,
              "received " + describe_frames(got.frames));
    cx.expect_outcome(got.reply, error, "recv on " + s.name);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(recv, Recv)

}  // namespace zconform::steps
