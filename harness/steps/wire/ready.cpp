// ready: the raw peer writes a READY command (by default: Socket-Type of its type).
#include "steps/wire/wire_fields.hpp"

namespace zconform::steps {
namespace {

struct Ready final : StepOf<Ready> {
  static constexpr const char* kName = "ready";
  static constexpr const char* kSummary =
      "Writes READY: `properties` (default Socket-Type of the raw peer's type; any name, \"\" and "
      "lowercase "
      "included), `data` (trailing octets after them), and the lies a written frame may tell.";
  static constexpr bool kRawPeer = true;

  WireFrameSpec frame = command_spec("READY");
  std::optional<std::vector<PropertySpec>> properties;

  static Fields<Ready> fields() {
    return Fields<Ready>{
               properties_field<Ready>(&Ready::properties, "the properties, in this order")
                   .defaults("Socket-Type: the raw peer's type"),
               field::bytes<Ready>(
                   "data", [](Ready & s) -> auto& { return s.frame.body; },
                   "octets after the properties"),
           } +
           frame_lie_fields<Ready>(&Ready::frame);
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("ready");
    WireFrameSpec spec = frame;
    spec.properties = properties;
    const zmtp::Frame ready = wire_ready(cx, spec);
    require_zws_form(wire, wire.cannot_write(ready));
    if (!wire.write(ready, spec.truncate, cx.steps_deadline)) {
      wire_fail(cx, {}, "the raw peer writes READY",
                "the implementation closed the connection first");
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(ready, Ready)

}  // namespace zconform::steps
