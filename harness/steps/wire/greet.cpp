// greet: the raw peer sends a greeting (wrong on purpose where asked) and reads the
// implementation's.
#include "run/wire_session.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct Greet final : StepOf<Greet> {
  static constexpr const char* kName = "greet";
  static constexpr const char* kSummary =
      "Sends a greeting, staged as libzmq needs it, and reads the implementation's. Unset fields "
      "take a valid ZMTP "
      "3.1 NULL greeting's value; set ones may be wrong on purpose. Over ws: the WebSocket upgrade "
      "(ZWS2.0/ + mechanism).";
  static constexpr bool kRawPeer = true;

  GreetingSpec greeting;

  static Fields<Greet> fields() {
    using G = Greet;
    return {
        field::octet<G>(
            "signature_first", [](G & s) -> auto& { return s.greeting.signature_first; },
            "octet 0 (0xFF)"),
        field::bytes<G>(
            "padding", [](G & s) -> auto& { return s.greeting.padding; }, "octets 1-8"),
        field::octet<G>(
            "signature_last", [](G & s) -> auto& { return s.greeting.signature_last; },
            "octet 9 (0x7F)"),
        field::octet<G>(
            "major", [](G & s) -> auto& { return s.greeting.major; }, "the major version (3)"),
        field::octet<G>(
            "minor", [](G & s) -> auto& { return s.greeting.minor; }, "the minor version (1)"),
        field::text<G>(
            "mechanism", [](G & s) -> auto& { return s.greeting.mechanism; },
            "NULL, PLAIN, CURVE, ...", "mechanism"),
        field::octet<G>(
            "as_server", [](G & s) -> auto& { return s.greeting.as_server; },
            "the as-server octet"),
        field::bytes<G>(
            "filler", [](G & s) -> auto& { return s.greeting.filler; }, "the 31 filler octets"),
        field::choice<G>(
            "pace", [](G & s) -> auto& { return s.greeting.pace; },
            std::vector<std::pair<std::string, GreetingPace>>{
                {"staged", GreetingPace::staged},
                {"whole", GreetingPace::whole},
                {"listen_first", GreetingPace::listen_first}},
            "staged: 10 octets, the major, the rest, each after the peer's; whole: 64 at once; "
            "listen_first: read first (GREET-03)"),
        field::integer<G>(
            "stop_after", [](G & s) -> auto& { return s.greeting.stop_after; }, 0, 64,
            "send only this many octets, then nothing"),
        field::choice<G>(
            "legacy", [](G & s) -> auto& { return s.greeting.legacy; },
            std::vector<std::pair<std::string, std::string>>{{"1.0", "1.0"}, {"2.0", "2.0"}},
            "greet as a ZMTP 1.0 or 2.0 peer instead (GREET-06, GREET-11)"),
    };
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("greet");
    require_zws_form(wire, zws_greeting_unsupported(greeting));
    const auto& g = wire.greet(greeting, cx.steps_deadline);
    require_zmtp3_peer(cx, wire);
    cx.observe("greeting_octets_received", g.peer_octets.size());
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(greet, Greet)

}  // namespace zconform::steps
