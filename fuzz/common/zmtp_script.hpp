// The engine target's structure-aware input format. An input is a setup byte and a list of frame
// records; this turns it into the bytes a peer sends (a valid greeting and handshake first, so
// that mutations land in the frames after it) and the messages a conforming libzmq delivers.
//
// Setup byte: bits 0-2 which socket type (socket_kinds()), bit 3 a secure server, bits 4-5 the
// peer's ZMTP version (3.1, 3.0, 2.0, 1.0; PLAIN and CURVE need 3.x), bit 6 the READY (INITIATE)
// carries an Identity, bit 7 (3.x only) the greeting's fields and the handshake's commands and
// properties are read from the input too (version, mechanism, as-server; up to 3 commands of up to
// 3 properties), so that the handshake's parsers are fuzzed as well; the frames' oracle is then
// off. A secure server's input goes on with a mechanism byte (bit 0: CURVE, else PLAIN) and the
// ZAP handler's answer (common/zap_answer.hpp).
// A built ZMTP 3.x handshake is played step by step (await_handshake). CURVE's cannot be written
// ahead at all: its INITIATE needs the cookie libzmq sends. The script then holds the greeting,
// and the peer (libzmq/curve_peer.hpp) makes HELLO, reads WELCOME, and sends INITIATE and every
// frame below sealed in a MESSAGE.
// Then records until the input ends (or the frames reach 128 KiB), each a kind byte k and its
// fields:
//   k&3 == 0  a frame: MORE = k&4, COMMAND = k&8, long form = k&16 (or when the size needs it);
//             u16 length; the body's bytes
//   k&3 == 1  a lying frame: a flags byte as is; a declared size (u64 when k&16, else u8), a u16
//             length and the body: the declared size is mutated apart from the bytes that follow,
//             over the whole 64-bit range
//   k&3 == 2  a large frame: MORE/COMMAND/long as kind 0; u16 count, a fill byte; the body is
//             count copies of it (bodies of up to 64 KiB from a few input bytes)
//   k&3 == 3  raw bytes: u8 length, the bytes as they are
// In ZMTP 1.0 frames are RFC 13's (length, flags, body) and COMMAND is a flag bit like any other.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/byte_reader.hpp"
#include "common/socket_kinds.hpp"
#include "common/zap_answer.hpp"

namespace zconform::fuzz {

struct ZmtpScript {
  size_t socket_index = 0;
  int version = 31;  // the peer's: 31, 30, 20 or 10
  // Greeting and handshake commands, in steps: with await_handshake, the peer waits for one
  // command from the socket after each step (its READY; PLAIN's WELCOME before INITIATE), as a
  // real peer does, before it writes the next, then the frames (common/conversation.hpp).
  std::vector<std::string> handshake;
  bool await_handshake = false;
  std::string frames;     // everything after them
  bool checkable = true;  // false when the handshake came from the input (see above)
  ZapAnswer zap;          // the ZAP handler's answer (PLAIN and CURVE servers)
  // CURVE, with a handshake the peer completes live: the INITIATE's metadata; `handshake` is then
  // the greeting alone and `frames` are sealed one by one.
  bool curve_session = false;
  std::string curve_metadata;

  // Everything the peer writes, at once (curve_session aside).
  std::string joined() const {
    std::string out;
    for (const std::string& step : handshake) out += step;
    return out + frames;
  }
};

ZmtpScript build_zmtp_script(ByteReader& in);

// The frames a conforming receiver reads from `frames` (ZMTP 2.0/3.x framing, or RFC 13's for
// version 10): a frame cut off by the end of the stream ends the parse, and so does a declared
// size no receiver could hold (a size that libzmq refuses). `end` is where each frame ends.
struct ParsedFrame {
  uint8_t flags;  // MORE 0x01, COMMAND 0x04 (RFC 13: MORE only)
  std::string_view body;
  size_t end;
};
std::vector<ParsedFrame> frames_in(std::string_view frames, int version);

// The whole messages those frames make: command frames are not messages. With
// `subscriptions_as_data`, SUBSCRIBE and CANCEL commands are taken for data frames, as libzmq
// 4.3.4 delivers them to a socket of any type (see delivery_oracle.cpp).
std::vector<Message> messages_in(std::string_view frames, int version,
                                 bool subscriptions_as_data = false);

}  // namespace zconform::fuzz
