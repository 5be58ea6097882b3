// transfer: a body from one socket to another with the pairing's envelopes on both ends.
#include "run/frame_matching.hpp"
#include "run/messaging.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Transfer final : StepOf<Transfer> {
  static constexpr const char* kName = "transfer";
  static constexpr const char* kSummary =
      "Sends `body` with the sender's envelope (pairings.yaml) and expects it at `to` with the "
      "receiver's; `count` "
      "numbered messages (\"{n}\" in a frame is the number) are read in order.";

  std::string from;
  std::string to;
  FrameSpecs body;
  int count = 1;

  static Fields<Transfer> fields() {
    return {
        field::socket("from", &Transfer::from, "the sending socket").required(),
        field::socket("to", &Transfer::to, "the receiving socket").required(),
        field::frames("body", &Transfer::body, "the frames after the envelope").required(),
        field::integer("count", &Transfer::count, 1, 100000, "messages, numbered"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (body.empty()) load.fail(map, "'body' needs at least one frame");
  }

  void declare(StepEffects& effects) const override { effects.message(from, to, count > 1); }

  // Messages go in windows, so that a publisher never outruns the high-water marks (HWM-02 would
  // drop them): the order is still checked across the whole sequence.
  void play(CaseContext& cx) const override {
    SocketSlot& sender = cx.slot(from);
    SocketSlot& receiver = cx.slot(to);
    cx.note("transfer " + sender.name + " -> " + receiver.name);
    FrameSpecs sent = envelope_send(cx, sender, receiver);
    sent.insert(sent.end(), body.begin(), body.end());
    FrameSpecs expected = envelope_receive(cx, sender, receiver);
    expected.insert(expected.end(), body.begin(), body.end());
    constexpr int kWindow = 100;
    for (int first = 0; first < count; first += kWindow) {
      const int last = std::min(count, first + kWindow);
      for (int n = first; n < last; ++n) {
        Frames frames = resolve(cx, sent, count > 1 ? n : -1);
        cx.expect_ok(send_frames(cx, sender, frames),
                     "send of " + describe_frames(frames) + " on " + sender.name);
      }
      for (int n = first; n < last; ++n) {
        expect_message(
            cx, receiver, expected, count > 1 ? n : -1,
            count > 1 ? "message " + std::to_string(n + 1) + " of " + std::to_string(count) : "");
      }
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(transfer, Transfer)

}  // namespace zconform::steps
