// drain: reads until nothing is left; every message must equal the frames given.
#include "run/frame_matching.hpp"
#include "run/linking.hpp"
#include "run/messaging.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Drain final : StepOf<Drain> {
  static constexpr const char* kName = "drain";
  static constexpr const char* kSummary =
      "Reads until the socket is empty (and the `until` event came): every message must equal "
      "`frames`. The count "
      "is recorded as `drained_<socket>`.";

  std::string socket;
  FrameSpecs frames;
  std::string until;

  static Fields<Drain> fields() {
    return {
        field::socket("socket", &Drain::socket, "the receiving socket").required(),
        field::frames("frames", &Drain::frames, "what every message must be").required(),
        field::text(
            "until", &Drain::until,
            "a monitor event (DISCONNECTED): an empty socket ends the drain only once it came",
            "event name"),
    };
  }

  // With `until`, everything the peer got onto the wire has been read once the event came, and a
  // message cut short has been discarded.
  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note("drain " + s.name);
    int count = 0;
    auto event_seen = [&](const std::vector<MonitorEvent>& events) {
      return count_events(events, s.created_handle, until) > 0;
    };
    while (true) {
      Received got = receive(cx, s, 0);
      if (!got.ok()) {
        if (got.reply.status != ReplyStatus::error || got.reply.error != "EAGAIN") {
          cx.fail("recv on " + s.name + " returns messages or EAGAIN", describe_reply(got.reply));
        }
        if (until.empty() || event_seen(s.agent->events())) break;
        // Reading made room: the socket takes more from the wire, up to the end of the stream.
        if (!s.agent->wait_for_events(event_seen, cx.steps_deadline)) {
          cx.observe("drained_" + s.name, count);
          cx.fail(until + " on " + s.name + " once the stream ends",
                  "none before the case deadline");
        }
        continue;
      }
      if (std::string diff = mismatch(cx, frames, got.frames); !diff.empty()) {
        cx.observe("drained_" + s.name, count);
        cx.fail("every message on " + s.name + " is whole: " + describe(cx, frames),
                "message " + std::to_string(count + 1) + ": " + describe_frames(got.frames) + " (" +
                    diff + ")");
      }
      ++count;
    }
    cx.observe("drained_" + s.name, count);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(drain, Drain)

}  // namespace zconform::steps
