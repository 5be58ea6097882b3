// handshake: greet + READY + a valid READY read: a working connection. Over ws with an
// implementation that has no ZWS2.0/NULL, the routing-id messages of plain ZWS2.0 instead.
#include "steps/wire/wire_fields.hpp"
#include "zmtp/describe.hpp"

namespace zconform::steps {
namespace {

struct Handshake final : StepOf<Handshake> {
  static constexpr const char* kName = "handshake";
  static constexpr const char* kSummary =
      "A valid greeting, READY, and the implementation's READY read (well formed; its properties "
      "are not checked): a "
      "working connection. Over ws: the upgrade, with plain ZWS2.0's routing-id messages where the "
      "implementation has no ZWS2.0/NULL.";
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

  // RFC 45, no mechanism: "the first message of each side of the connection must be the Routing
  // Id". The raw peer's is empty (let the implementation pick one); the implementation's may be
  // anything, as long as it is a one-frame message.
  static void exchange_routing_ids(CaseContext& cx, WirePeer& wire) {
    if (!wire.write(zmtp::Frame{}, -1, cx.steps_deadline))
      cx.fail("the raw peer writes its routing id", "the implementation closed the connection");
    zmtp::DecodedFrame id = wire_next(cx, {}, "the implementation's routing-id message");
    if (id.command || id.more) {
      cx.fail("a one-frame routing-id message first (RFC 45, no mechanism)",
              zmtp::describe_frame(id));
    }
    cx.observe("iut_routing_id", zmtp::describe_bytes(id.body));
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("handshake");
    require_zws_form(wire, zws_greeting_unsupported(greeting));
    const auto& g = wire.greet(greeting, cx.steps_deadline, /*no_mechanism_too=*/!properties);
    require_zmtp3_peer(cx, wire);
    if (!wire.greeting_done())
      cx.fail(wire.ws() ? "a WebSocket upgrade to ZWS2.0/NULL (TR-05)"
                        : "a ZMTP 3.x greeting from the implementation",
              g.stopped.empty() ? "no full greeting" : g.stopped);
    if (wire.zws_no_mechanism()) return exchange_routing_ids(cx, wire);
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
