#pragma once
// ZWS 2.0 framing (RFC 45, TR-05): after the WebSocket upgrade, each ZMTP frame is one final
// WebSocket binary frame whose payload is a flags octet (MORE 0x01, COMMAND 0x02) and the body.
// ZMTP's PING and PONG are WebSocket ping and pong frames. A client masks every frame it sends, a
// server none (RFC 6455 5.1). Like frame.hpp, the encoder writes what a test asks for and the
// decoder trusts nothing.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "zmtp/frame.hpp"

namespace zconform::zmtp {

// RFC 6455 5.2 opcodes.
inline constexpr uint8_t kWsContinuation = 0x0;
inline constexpr uint8_t kWsText = 0x1;
inline constexpr uint8_t kWsBinary = 0x2;
inline constexpr uint8_t kWsClose = 0x8;
inline constexpr uint8_t kWsPing = 0x9;
inline constexpr uint8_t kWsPong = 0xA;

// The ZWS flags octet (TR-05).
inline constexpr uint8_t kZwsMore = 0x01;
inline constexpr uint8_t kZwsCommand = 0x02;

using WsMask = std::array<uint8_t, 4>;

// One WebSocket frame: final, `opcode`, masked with `mask` when it has one, the 7-, 16- or 64-bit
// length RFC 6455 prescribes for payload.size().
std::string encode_ws_frame(uint8_t opcode, std::string_view payload,
                            const std::optional<WsMask>& mask);

// A ZMTP frame as ZWS sends it. A PING command becomes a WebSocket ping carrying its context, a
// PONG a pong carrying its; every other frame a binary frame of flags octet + body, where MORE and
// COMMAND map to ZWS's bits and ZMTP's reserved bits (0xF8) are kept as they are. The ZMTP-only
// lies of `frame` (size_override, force_long, raw_flags) and a PING's TTL have no ZWS form: see
// zws_unsupported.
std::string encode_zws_frame(const Frame& frame, const std::optional<WsMask>& mask);
// Why `frame` cannot be sent over ZWS ("" when it can).
std::string zws_unsupported(const Frame& frame);

struct WsFrame {
  bool fin = false;
  uint8_t opcode = 0;
  uint8_t rsv = 0;  // RSV1-3 (0x70 of the first octet), no extension is negotiated
  bool masked = false;
  std::string payload;  // unmasked
  std::string raw;      // the exact octets received
};

// The ZMTP meaning of a ZWS frame: binary -> flags octet + body (MORE and COMMAND; `flags` in
// ZMTP's bits, the ZWS octet's other bits in reserved_bits); ping -> PING command with TTL 0 and
// the payload as context; pong -> PONG with it. nullopt for an empty binary payload (no flags
// octet) and for other opcodes, `error` saying why.
std::optional<DecodedFrame> zmtp_from_zws(const WsFrame& frame, std::string& error);

// WebSocket frames out of a byte stream that may arrive in any pieces. Like FrameDecoder, a
// declared length is checked against max_payload before anything is allocated, and an error is
// final.
class WsFrameDecoder {
 public:
  enum class Status { need_more, frame, error };

  explicit WsFrameDecoder(uint64_t max_payload = FrameDecoder::kDefaultMaxBody);

  void feed(std::string_view bytes);
  Status next(WsFrame& out, std::string& error);
  std::string_view pending() const { return std::string_view(buffer_).substr(start_); }

 private:
  uint64_t max_payload_;
  std::string buffer_;
  size_t start_ = 0;
  std::string error_;
};

}  // namespace zconform::zmtp
