// outcome: how the connection came out of a misbehaviour, each outcome mapped to a verdict.
#include "steps/wire/wire_fields.hpp"
#include "zmtp/command.hpp"
#include "zmtp/describe.hpp"

namespace zconform::steps {
namespace {

using std::chrono::milliseconds;

struct Outcome final : StepOf<Outcome> {
  static constexpr const char* kName = "outcome";
  static constexpr const char* kSummary =
      "Waits for what the implementation made of a misbehaviour: `error` (it sent ERROR), `close` "
      "(it closed "
      "without), `alive` (it answered a PING, sent once its READY was read, with PONG), `open` "
      "(none of these in "
      "time), `downgrade` (it answered a legacy greeting in the legacy protocol). Each outcome "
      "listed maps to a "
      "verdict; unlisted ones fail. An accepted `close` or `error` ends the case.";
  static constexpr bool kRawPeer = true;

  OutcomeSpec spec;
  std::string probe;  // "", ping or none

  static Field<Outcome> accepts(const char* outcome, const char* doc) {
    return field::custom<Outcome>(
        outcome, "pass | fail | non-strict | informational", doc,
        [outcome](const StepLoad& load, const YAML::Node& node, Outcome& s) {
          s.spec.accept[outcome] = read_outcome_verdict(load.reader, node);
        });
  }

  static Fields<Outcome> fields() {
    return {
        accepts("error", "the verdict when it sends ERROR"),
        accepts("close", "the verdict when it closes without ERROR"),
        accepts("alive", "the verdict when it answers the PING probe"),
        accepts("open", "the verdict when nothing happens within `within_ms`"),
        accepts("downgrade", "the verdict when it answered a legacy greeting in kind"),
        field::choice(
            "probe", &Outcome::probe,
            std::vector<std::pair<std::string, std::string>>{{"ping", "ping"}, {"none", "none"}},
            "probe liveness with a PING")
            .defaults("ping when `alive` is listed"),
        field::integer<Outcome>(
            "within_ms", [](Outcome & s) -> auto& { return s.spec.within_ms; }, 1, 600000,
            "how long an outcome may take to show"),
        field::integer<Outcome>(
            "not_before_ms", [](Outcome & s) -> auto& { return s.spec.not_before_ms; }, 0, 600000,
            "a close or error earlier than this (from the step's start) fails"),
        field::choice<Outcome>(
            "since", [](Outcome & s) -> auto& { return s.spec.from_connection; },
            std::vector<std::pair<std::string, bool>>{{"step", false}, {"connection", true}},
            "what within_ms and not_before_ms count from: the step's start, or the connection's "
            "(a whole-connection timer such as ZMQ_HANDSHAKE_IVL)"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) {
    if (spec.accept.empty()) load.fail(map, "'outcome' lists at least one accepted outcome");
    spec.ping_probe = probe.empty() ? spec.accept.count("alive") > 0 : probe == "ping";
  }

  // A PING probe turns "it kept the connection" into an event (its PONG) instead of a silence to
  // wait out.
  void play(CaseContext& cx) const override {
    WirePeer& wire = wire_peer(cx);
    cx.note("outcome");
    const OutcomeSpec& o = spec;
    const auto started = o.from_connection ? wire.connected_at() : Clock::now();
    const auto deadline = o.from_connection
                              ? std::min(started + milliseconds(o.within_ms), cx.steps_deadline)
                              : wire_deadline(cx, o.within_ms);
    std::string outcome;
    std::string detail;
    std::vector<zmtp::DecodedFrame> kept;
    if (o.accept.count("downgrade") && wire.greeted().downgraded && !wire.closed()) {
      outcome = "downgrade";
      detail = "it answered in ZMTP " + std::to_string(wire.protocol_major()) + ".0";
    }
    // The probe waits for the implementation's READY: a PING before it would be a misbehaviour of
    // ours.
    // Over ws the probe is a WebSocket ping: an empty one, since libzmq answers every ping with an
    // empty pong (ws_engine.cpp produce_pong_message) and the probe is not there to test that.
    const std::string probe_context = wire.ws() ? "" : kPingContext;
    bool ping_due = outcome.empty() && o.ping_probe && !wire.closed() && wire.protocol_major() == 3;
    while (outcome.empty()) {
      if (ping_due && wire.peer_ready_seen()) {
        ping_due = false;
        wire.write(zmtp::ping(0, probe_context), -1, deadline);
      }
      zmtp::DecodedFrame f;
      std::string why;
      WirePeer::Read r = wire.read(f, why, deadline);
      if (r == WirePeer::Read::closed) {
        outcome = "close";
        detail = why;
        break;
      }
      if (r == WirePeer::Read::timeout) {
        outcome = "open";
        detail = "neither closed nor answered within " + std::to_string(o.within_ms) + " ms";
        break;
      }
      if (r == WirePeer::Read::garbage) {
        outcome = "garbage";
        detail = why;
        break;
      }
      std::string error;
      auto c = f.command ? zmtp::parse_command_body(f.body, error) : std::nullopt;
      if (c && c->name == "ERROR") {
        auto reason = zmtp::parse_error(*c, error);
        outcome = "error";
        detail = "ERROR " + (reason ? zmtp::describe_bytes(*reason) : "(malformed: " + error + ")");
      } else if (c && c->name == "PONG" && c->data == probe_context) {
        outcome = "alive";
        detail = "PONG to the probe";
      } else {
        kept.push_back(std::move(f));
      }
    }
    for (auto& f : kept) wire.push_back(std::move(f));
    const auto after = std::chrono::duration_cast<milliseconds>(Clock::now() - started).count();
    cx.observe("outcome", {{"outcome", outcome}, {"after_ms", after}, {"detail", detail}});

    std::string accepted;
    for (const auto& [name, v] : o.accept) {
      accepted += (accepted.empty() ? "" : ", ") + name + " (" +
                  std::string(to_string(verdict_of(cx, v))) + ")";
    }
    const std::string expected = "one of: " + accepted;
    const std::string actual = outcome + ": " + detail + " after " + std::to_string(after) + " ms";
    if ((outcome == "close" || outcome == "error") && o.not_before_ms >= 0 &&
        after < o.not_before_ms) {
      cx.fail(expected + ", not before " + std::to_string(o.not_before_ms) + " ms", actual);
    }
    auto it = o.accept.find(outcome);
    if (it == o.accept.end()) cx.fail(expected, actual);
    const Verdict v = verdict_of(cx, it->second);
    // Nothing more can happen on a closed connection: an accepted close or error ends the case.
    if (v != Verdict::pass || outcome == "close" || outcome == "error")
      throw CaseStop{v, expected, actual};
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(outcome, Outcome)

}  // namespace zconform::steps
