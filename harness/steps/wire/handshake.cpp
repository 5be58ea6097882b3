// handshake: greet + READY + a valid READY read: a working connection.
#include "steps/wire/wire_fields.hpp"

namespace zconform::steps {
namespace {

struct Handshake final : StepOf<Handshake> {
  static constexpr const char* kName = "handshake";
  static constexpr const char* kSummary =
      "A valid greeting, READY, and the implementation's READY read (well formed; its properties "
      "are not checked): a "
      "working connection.";
  static constexpr bool kRawPeer = true;

  GreetingSpec greeting;
  std::optional<std::vector<PropertySpec>> properties;

  static Fields<Handshake> fields() {
    return {
        field::octet<Handshake>(
            "minor", [](Handshake & s) -> auto& { return s.greeting.minor; },
            "the minor version of the raw peer's greeting (1)"),
        properties_field<Handshake>(&Handshake::properties, "the raw peer's READY properties")
            .defaults("Socket-Type: the raw peer's type"),
    };
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("handshake");
    const auto& g = wire.greet(greeting, cx.steps_deadline);
    require_zmtp3_peer(cx, wire);
    if (!wire.peer_greeting())
      cx.fail("a ZMTP 3.x greeting from the implementation",
              g.stopped.empty() ? "no full greeting" : g.stopped);
    WireFrameSpec ready = command_spec("READY");
    ready.properties = properties;
    if (!wire.write(wire_ready(cx, ready), -1, cx.steps_deadline))
      cx.fail("the raw peer writes READY", "the implementation closed the connection");
    wire_expect_ready(cx, {}, {});
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(handshake, Handshake)

}  // namespace zconform::steps
