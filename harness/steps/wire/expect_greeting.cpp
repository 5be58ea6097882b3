// expect_greeting: checks the implementation's greeting (GREET-01..03).
#include "steps/wire/wire_fields.hpp"
#include "zmtp/describe.hpp"

namespace zconform::steps {
namespace {

struct ExpectGreeting final : StepOf<ExpectGreeting> {
  static constexpr const char* kName = "expect_greeting";
  static constexpr const char* kSummary =
      "Checks the implementation's greeting; unset fields are not checked.";
  static constexpr bool kRawPeer = true;

  GreetingCheck check;
  WireCheck on_failure;

  static Fields<ExpectGreeting> fields() {
    using E = ExpectGreeting;
    return {
        field::octet<E>(
            "major", [](E & s) -> auto& { return s.check.major; }, "the major version"),
        field::octet<E>(
            "min_minor", [](E & s) -> auto& { return s.check.min_minor; },
            "the minor version, at least"),
        field::text<E>(
            "mechanism", [](E & s) -> auto& { return s.check.mechanism; }, "the mechanism",
            "mechanism"),
        field::octet<E>(
            "as_server", [](E & s) -> auto& { return s.check.as_server; }, "the as-server octet"),
        field::boolean<E>(
            "signature", [](E & s) -> auto& { return s.check.signature; },
            "0xFF ... 0x7F (GREET-01)"),
        field::boolean<E>(
            "zero_filler", [](E & s) -> auto& { return s.check.zero_filler; },
            "31 zero filler octets (GREET-01)"),
        field::boolean<E>(
            "whole", [](E & s) -> auto& { return s.check.whole; },
            "all 64 octets before ours (GREET-03; needs pace: listen_first)"),
        otherwise_field(&E::on_failure),
    };
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("expect_greeting");
    require_zws_form(wire, "a check of the implementation's greeting");
    const GreetingCheck& c = check;
    const auto& g = wire.greeted();
    if (c.whole && g.unprompted < zmtp::kGreetingSize) {
      wire_fail(cx, on_failure,
                "all 64 greeting octets sent before the raw peer's greeting (GREET-03)",
                std::to_string(g.unprompted) + " octets, then it waited for the raw peer");
    }
    auto peer = wire.peer_greeting();
    if (!peer)
      wire_fail(cx, on_failure, "a 64-octet ZMTP 3.x greeting",
                g.stopped.empty() ? "no full greeting" : g.stopped);
    cx.observe("iut_greeting", zmtp::describe_greeting(*peer));
    if (c.signature && (peer->signature_first != 0xFF || peer->signature_last != 0x7F)) {
      wire_fail(cx, on_failure, "signature 0xFF ... 0x7F (GREET-01)",
                "octet 0 = " + std::to_string(peer->signature_first) +
                    ", octet 9 = " + std::to_string(peer->signature_last));
    }
    if (c.major && peer->major != *c.major)
      wire_fail(cx, on_failure, "major version " + std::to_string(*c.major),
                std::to_string(peer->major));
    if (c.min_minor && peer->minor < *c.min_minor) {
      wire_fail(cx, on_failure, "minor version >= " + std::to_string(*c.min_minor),
                std::to_string(peer->minor));
    }
    if (c.mechanism && peer->mechanism != *c.mechanism)
      wire_fail(cx, on_failure, "mechanism " + *c.mechanism, "'" + peer->mechanism + "'");
    if (c.as_server && peer->as_server != *c.as_server) {
      wire_fail(cx, on_failure, "as-server " + std::to_string(*c.as_server),
                std::to_string(peer->as_server));
    }
    if (c.zero_filler && peer->filler != std::string(zmtp::kFillerSize, '\0')) {
      wire_fail(cx, on_failure, "31 zero filler octets (GREET-01)", zmtp::hex(peer->filler));
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(expect_greeting, ExpectGreeting)

}  // namespace zconform::steps
