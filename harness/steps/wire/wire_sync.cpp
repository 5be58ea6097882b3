// wire_sync: the raw subscriber and the implementation's publisher agree subscriptions are in
// force.
#include "run/messaging.hpp"
#include "run/probes.hpp"
#include "steps/wire/wire_fields.hpp"
#include "zmtp/command.hpp"

namespace zconform::steps {
namespace {

struct WireSync final : StepOf<WireSync> {
  static constexpr const char* kName = "wire_sync";
  static constexpr const char* kSummary =
      "The raw subscriber subscribes to a fresh probe topic (a command to a 3.1 publisher, a "
      "message to 3.0, "
      "SUB31-01) and the implementation's publisher sends probes until one arrives.";
  static constexpr bool kRawPeer = true;

  static Fields<WireSync> fields() { return {}; }

  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("wire_sync");
    SocketSlot& publisher = cx.slot("a");
    if (!cx.traits(publisher).publisher)
      throw CaseStop{Verdict::error, "wire_sync with a publisher", publisher.type};
    const std::string topic = sync_topic(++cx.sync_rounds);
    auto peer = wire.peer_greeting();
    const bool as_command = peer && peer->minor >= 1;
    if (!wire.write(as_command ? zmtp::subscribe(topic) : zmtp::subscription_message(topic, true),
                    -1, cx.steps_deadline)) {
      cx.fail("the raw peer subscribes", "the implementation closed the connection");
    }
    // As in sync (run/subscriptions.cpp): once a probe gets through, the ones sent after it are
    // read too, so that no probe is left on the wire for the scenario's reads.
    std::vector<zmtp::DecodedFrame> kept;
    int wait_ms = 1;
    int probes = 0;
    bool in_force = false;
    while (true) {
      if (!in_force) {
        if (cx.remaining_ms() == 0)
          cx.fail("a probe reaches the raw subscriber",
                  std::to_string(probes) + " sent, none arrived before the deadline");
        cx.expect_ok(send_frames(cx, publisher, {probe_body(topic, ++probes)}),
                     "send of a sync probe on " + publisher.name);
      }
      zmtp::DecodedFrame f;
      std::string why;
      WirePeer::Read r =
          wire.read(f, why, wire_deadline(cx, in_force ? kLastProbeWaitMs : wait_ms));
      wait_ms = std::min(wait_ms * 2, 200);
      if (r == WirePeer::Read::timeout) {
        if (!in_force) continue;
        cx.observe("sync_probes_dropped", true);
        break;
      }
      if (r != WirePeer::Read::frame) cx.fail("a probe reaches the raw subscriber", why);
      if (auto n = f.command ? std::nullopt : probe_number(topic, f.body)) {
        in_force = true;
        if (*n == probes) break;
        continue;
      }
      if (f.command || f.body.rfind(kSyncPrefix, 0) != 0) kept.push_back(std::move(f));
    }
    for (auto& f : kept) wire.push_back(std::move(f));
    cx.observe("sync_probes", probes);
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(wire_sync, WireSync)

}  // namespace zconform::steps
