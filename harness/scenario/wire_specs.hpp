#pragma once
// What the raw ZMTP peer does in a wire scenario (`peer: raw`): the greeting it sends (wrong on
// purpose where a case says so), the frames it writes, what it expects to read, and which outcomes
// of a misbehaviour a case accepts. Pure data, read by wire_frame_syntax.cpp and the wire step
// types (harness/steps/wire/); the format is in conformance/scenarios/README.md ("Wire scenarios").
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace zconform {

// How the raw peer sends its greeting.
enum class GreetingPace {
  staged,  // 10 octets, the major version, the rest, each after the peer's matching part (libzmq's
           // way)
  whole,   // all 64 octets at once, then read the peer's
  listen_first,  // read what the peer sends unprompted first (GREET-03), then go on staged
};

// The greet step. Unset fields take a valid ZMTP 3.1 NULL greeting's value.
struct GreetingSpec {
  std::optional<uint8_t> signature_first;
  std::optional<std::string> padding;  // 8 octets
  std::optional<uint8_t> signature_last;
  std::optional<uint8_t> major;
  std::optional<uint8_t> minor;
  std::optional<std::string> mechanism;
  std::optional<uint8_t> as_server;
  std::optional<std::string> filler;  // 31 octets
  GreetingPace pace = GreetingPace::staged;
  int stop_after = -1;  // > = 0: send only this many octets of the greeting, then nothing more
  // "1.0" or "2.0": greet as a legacy peer instead (RFC 13 / RFC 15), to see whether the peer
  // downgrades (GREET-06, GREET-11).
  std::string legacy;
};

// A metadata property to send. The name may be empty (NULL-06) and any case (NULL-05).
using PropertySpec = std::pair<std::string, std::string>;

// One frame the raw peer writes: a message frame or a command, and every lie it may tell.
struct WireFrameSpec {
  std::string body;                    // message frame body, or command data after the name
  std::optional<std::string> command;  // a command with this name (may be "", may be lowercase)
  // READY/INITIATE properties, encoded into the command data (replacing `body`).
  std::optional<std::vector<PropertySpec>> properties;
  std::optional<bool> more;               // default: MORE on every frame of a message but the last
  bool force_long = false;                // an 8-octet size however short the body (FRAME-03)
  std::optional<uint64_t> declared_size;  // the size written in the header (lies about the body)
  uint8_t reserved = 0;                   // OR-ed into the flags (FRAME-01)
  bool as_message = false;                // a command's body without the COMMAND flag (FRAME-10)
  std::optional<uint8_t> raw_flags;       // the flags octet exactly
  int truncate = -1;  // >= 0: only this many octets of the encoded frame are written
};

inline WireFrameSpec command_spec(std::string name) {
  WireFrameSpec spec;
  spec.command = std::move(name);
  return spec;
}

// One frame the raw peer expects to read from the implementation.
struct WireFrameExpect {
  std::optional<std::string> body;  // message frame: exact body; command: exact data after the name
  int size = -1;                    // body size (message frames), when the body is not given
  std::optional<std::string> command;  // a command of this name (exact case)
  std::optional<bool> more;            // default: MORE on all frames of the message but the last
  std::optional<bool> long_size;       // the header's size field is 8 octets (true) or 1 (false)
};

// What a receiver's READY (or the expect_ready step) must hold: name -> value, nullopt = absent.
// Names compare exactly as written (NULL-05 is tested separately); a value of "*" means present.
using ReadyCheck = std::vector<std::pair<std::string, std::optional<std::string>>>;

// Checks on the implementation's greeting; unset fields are not checked.
struct GreetingCheck {
  std::optional<uint8_t> major;
  std::optional<uint8_t> min_minor;
  std::optional<std::string> mechanism;
  std::optional<uint8_t> as_server;
  bool signature = true;    // 0xFF ... 0x7F (GREET-01)
  bool zero_filler = true;  // GREET-01: 31 zero octets
  bool whole = false;       // GREET-03: all 64 octets sent before the raw peer sent anything
};

// How a connection came out of a misbehaviour, and the verdict each outcome gives.
//   error: the implementation sent an ERROR command;  close: it closed without one;
//   alive: it answered a PING with a PONG (the connection works); open: none of these in time;
//   downgrade: it answered a legacy greeting in the legacy protocol.
enum class OutcomeVerdict { pass, fail, non_strict, informational };

struct OutcomeSpec {
  std::map<std::string, OutcomeVerdict> accept;  // unlisted outcomes fail
  bool ping_probe = false;       // probe liveness with a PING (default when `alive` is accepted)
  int within_ms = 2000;          // how long an outcome may take to show
  int not_before_ms = -1;        // close/error earlier than this (from the step's start) fails
  bool from_connection = false;  // both bounds count from the connection's start instead
};

}  // namespace zconform
