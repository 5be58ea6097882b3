// barrier: a marker from one socket to another; nothing sent before it may arrive after it.
#include "run/frame_matching.hpp"
#include "run/messaging.hpp"
#include "run/subscriptions.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Barrier final : StepOf<Barrier> {
  static constexpr const char* kName = "barrier";
  static constexpr const char* kSummary =
      "A marker from one socket to the other; the next message at `to` must be it. Messages keep "
      "their order per "
      "peer pair (DLV-02), so this proves nothing else sent before arrived, without waiting a "
      "fixed time.";

  std::string from;
  std::string to;

  static Shorthand shorthand() { return Shorthand::positional_are({"from", "to"}); }
  static Fields<Barrier> fields() {
    return {
        field::socket("from", &Barrier::from, "the socket that sends the marker").required(),
        field::socket("to", &Barrier::to, "the socket that must read it next").required(),
    };
  }

  void declare(StepEffects& effects) const override { effects.message(from, to, true); }

  void play(CaseContext& cx) const override {
    SocketSlot& sender = cx.slot(from);
    SocketSlot& receiver = cx.slot(to);
    cx.note("barrier " + sender.name + " -> " + receiver.name);
    std::string marker;
    if (cx.traits(receiver).subscriber != Subscription::none) {
      // Subscribers only see topics they subscribed to: the marker goes on the sync topic.
      if (receiver.sync_topic.empty()) sync(cx, sender, receiver);
      marker = receiver.sync_topic + "barrier-" + std::to_string(++cx.barriers);
    } else {
      marker = "\xFFzconform-barrier-" + std::to_string(++cx.barriers);
    }
    FrameSpecs sent = envelope_send(cx, sender, receiver);
    sent.push_back(FrameSpec::literal(marker));
    FrameSpecs expected = envelope_receive(cx, sender, receiver);
    expected.push_back(FrameSpec::literal(marker));
    cx.expect_ok(send_frames(cx, sender, resolve(cx, sent)),
                 "send of the barrier marker on " + sender.name);
    expect_message(cx, receiver, expected, -1,
                   "the barrier marker: nothing else may arrive before it");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(barrier, Barrier)

}  // namespace zconform::steps
