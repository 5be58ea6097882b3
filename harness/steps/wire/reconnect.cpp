// reconnect: a fresh connection, made the way the first one was.
#include "steps/wire/wire_fields.hpp"

namespace zconform::steps {
namespace {

struct Reconnect final : StepOf<Reconnect> {
  static constexpr const char* kName = "reconnect";
  static constexpr const char* kSummary =
      "A new connection the way the first was made: the raw peer connects again, or accepts the "
      "implementation's next. With `none_for_ms` (the raw peer listening), the opposite: the "
      "implementation must not connect again that soon (later, or never, is its own choice).";
  static constexpr bool kRawPeer = true;

  int none_for_ms = -1;

  static Fields<Reconnect> fields() {
    return {field::integer("none_for_ms", &Reconnect::none_for_ms, 1, 60000,
                           "no new connection from the implementation for this long")};
  }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("reconnect");
    if (none_for_ms > 0) return expect_none(cx, wire);
    try {
      if (!wire.reconnect(cx.steps_deadline))
        cx.fail("the implementation connects to the raw peer again",
                "no new connection before the case deadline");
    } catch (const zmtp::RawError& e) {
      cx.fail("the raw peer connects again", e.what());
    }
  }

  void expect_none(CaseContext& cx, WirePeer& wire) const {
    if (!wire.listening())
      throw CaseStop{Verdict::error, "a raw peer that listens (binders: [B]) for none_for_ms",
                     "the raw peer connects itself"};
    const auto started = Clock::now();
    if (wire.reconnect(wire_deadline(cx, none_for_ms))) {
      const auto after =
          std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
      cx.fail("no new connection for " + std::to_string(none_for_ms) + " ms",
              "one after " + std::to_string(after) + " ms");
    }
    cx.observe("no_reconnection_ms", none_for_ms);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(reconnect, Reconnect)

}  // namespace zconform::steps
