#pragma once
// The raw peer in a case (wire scenarios, `peer: raw`): the connection to the implementation's
// socket `a`, opened at the first wire step, and what the wire step types share: frames built from
// a scenario's specs, the next frame read with probes skipped, verdicts of checks that say
// `otherwise`, and the check of the implementation's READY.
#include <optional>
#include <string>

#include "run/case_context.hpp"
#include "run/wire_peer.hpp"
#include "scenario/wire_specs.hpp"
#include "zmtp/command.hpp"

namespace zconform {

// How a wire check fails and how long it may wait.
struct WireCheck {
  std::optional<OutcomeVerdict> otherwise;  // the verdict of a failed check instead of fail
  int within_ms = -1;                       // -1: whatever the case has left
};

// The raw peer's connection, made on first use (so `set` steps before it configure the socket).
WirePeer& wire_peer(CaseContext& cx);
// Ends the case UNSUPPORTED where the implementation answered the raw peer's ZMTP 3.x greeting
// with an older protocol's (JeroMQ 0.3 speaks ZMTP 2.0 only): the wire scenarios test 3.x. Over
// ws, likewise where it has no ZWS2.0/NULL (jszmq speaks ZWS2.0 with no mechanism).
void require_zmtp3_peer(const CaseContext& cx, const WirePeer& wire);

// Ends the case UNSUPPORTED over ws when a step asks for something ZWS 2.0 has no form of: `what`
// names it ("" when there is nothing of the kind).
void require_zws_form(const WirePeer& wire, const std::string& what);

Verdict verdict_of(const CaseContext& cx, OutcomeVerdict v);
[[noreturn]] void wire_fail(const CaseContext& cx, const WireCheck& check,
                            const std::string& expected, const std::string& actual);
Clock::time_point wire_deadline(const CaseContext& cx, int within_ms);

zmtp::Frame wire_frame(const WireFrameSpec& f, bool more_by_default);
// READY with the properties given, else Socket-Type of the raw peer's type; `body` after them.
zmtp::Frame wire_ready(const CaseContext& cx, const WireFrameSpec& f);
// The implementation's next frame, with probes left over from a wire_sync skipped.
zmtp::DecodedFrame wire_next(CaseContext& cx, const WireCheck& check, const std::string& wanted);
// Reads the implementation's READY and checks its properties (NULL-01) against `expected`.
void wire_expect_ready(CaseContext& cx, const WireCheck& check, const ReadyCheck& expected);
// Checks metadata properties (names per NULL-01, values per `expected`) and records them as
// `observed_as`: READY's and, over CURVE, INITIATE's.
void wire_check_properties(CaseContext& cx, const WireCheck& check,
                           const std::vector<zmtp::Property>& props, const ReadyCheck& expected,
                           const std::string& observed_as);

// The index of a list's last message frame (commands stand alone): MORE belongs on the message
// frames before it.
template <typename FrameList>
size_t last_message_index(const FrameList& frames) {
  size_t last = 0;
  for (size_t i = 0; i < frames.size(); ++i) {
    if (!frames[i].command) last = i;
  }
  return last;
}

inline const std::string kPingContext = "zconform-probe";

}  // namespace zconform
