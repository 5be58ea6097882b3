// hangup: the raw peer closes its connection (or half-closes it).
#include "steps/wire/wire_fields.hpp"

namespace zconform::steps {
namespace {

struct Hangup final : StepOf<Hangup> {
  static constexpr const char* kName = "hangup";
  static constexpr const char* kSummary =
      "The raw peer closes its connection, or with `half` shuts down its writing side only.";
  static constexpr bool kRawPeer = true;

  bool half = false;

  static Fields<Hangup> fields() {
    return {field::boolean("half", &Hangup::half, "shut down writing only (FIN), keep reading")};
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("hangup");
    wire.hangup(half);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(hangup, Hangup)

}  // namespace zconform::steps
