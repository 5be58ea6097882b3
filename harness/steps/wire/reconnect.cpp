// reconnect: a fresh connection, made the way the first one was.
#include "steps/wire/wire_fields.hpp"

namespace zconform::steps {
namespace {

struct Reconnect final : StepOf<Reconnect> {
  static constexpr const char* kName = "reconnect";
  static constexpr const char* kSummary =
      "A new connection the way the first was made: the raw peer connects again, or accepts the "
      "implementation's next.";
  static constexpr bool kRawPeer = true;

  static Fields<Reconnect> fields() { return {}; }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("reconnect");
    try {
      if (!wire.reconnect(cx.steps_deadline))
        cx.fail("the implementation connects to the raw peer again",
                "no new connection before the case deadline");
    } catch (const zmtp::RawError& e) {
      cx.fail("the raw peer connects again", e.what());
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(reconnect, Reconnect)

}  // namespace zconform::steps
