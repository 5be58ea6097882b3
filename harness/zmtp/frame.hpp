#pragma once
// ZMTP 3.x frames (FRAME-01, FRAME-02): an encoder that writes what the test asks for, lies
// included, and an incremental decoder that never trusts the peer.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zconform::zmtp {

// Flag bits (FRAME-01). Bits 3-7 are reserved and must be zero when sent.
inline constexpr uint8_t kMore = 0x01;
inline constexpr uint8_t kLong = 0x02;
inline constexpr uint8_t kCommand = 0x04;
inline constexpr uint8_t kReservedBits = 0xF8;

inline constexpr uint64_t kMaxShortSize = 255;  // FRAME-03: larger bodies need LONG
inline constexpr uint64_t kMaxLongSize = 0x7FFFFFFFFFFFFFFFull;  // FRAME-02: 2^63-1

struct Frame {
  uint8_t flags = 0;
  std::string body = {};
  // The size written in the header instead of body.size(): a size that lies about the body.
  std::optional<uint64_t> size_override = std::nullopt;
  // An 8-octet size even for a body of 255 octets or fewer (legal but against FRAME-03's SHOULD).
  bool force_long = false;
  // The flags octet exactly as written, overriding `flags` and the LONG bit the encoder would set;
  // the size width still follows the rule below, so raw_flags=kLong on a short body gives "LONG
  // flag, 1-octet size".
  std::optional<uint8_t> raw_flags = std::nullopt;

  bool operator==(const Frame&) const = default;
};

// The header uses an 8-octet size when force_long, when `flags` has LONG, or when the written size
// is above 255 (a 1-octet size cannot hold it); the flags octet is then flags|kLong. Then the size
// (size_override or body.size()) and the body, unchanged.
std::string encode_frame(const Frame& frame);

struct DecodedFrame {
  uint8_t flags = 0;
  bool more = false;
  bool is_long = false;
  bool command = false;
  // flags & kReservedBits. Not an error: libzmq ignores them on receipt, and FRAME-01 is checked on
  // what implementations send, so the test decides.
  uint8_t reserved_bits = 0;
  uint64_t declared_size = 0;
  std::string body = {};
  std::string raw;  // the exact header and body octets as received

  bool operator==(const DecodedFrame&) const = default;
};

// Frames out of a byte stream that may arrive in any pieces, one octet at a time included. A
// declared size is checked against max_body as soon as the header is complete, before anything is
// allocated for the body (FRAME-07). After an error the stream cannot be resynchronised: next()
// keeps returning it and feed() drops what it is given.
class FrameDecoder {
 public:
  static constexpr uint64_t kDefaultMaxBody = 64ull * 1024 * 1024;

  enum class Status { need_more, frame, error };

  explicit FrameDecoder(uint64_t max_body = kDefaultMaxBody);

  void feed(std::string_view bytes);
  // frame: `out` holds the next frame. error: `error` says why. need_more: neither is touched.
  Status next(DecodedFrame& out, std::string& error);

  // Octets fed but not yet returned as frames (e.g. to hand a half-read stream to something else);
  // valid until the next feed().
  std::string_view pending() const { return std::string_view(buffer_).substr(start_); }
  // Octets returned as frames so far: the stream offset of the next frame.
  uint64_t consumed() const { return consumed_; }
  bool failed() const { return !error_.empty(); }
  // Starts a new stream, keeping the memory the last one used (a fuzz target decodes millions).
  void reset();

 private:
  Status fail(std::string message, std::string& error);

  uint64_t max_body_;
  std::string buffer_;
  size_t start_ = 0;  // where the next frame begins in buffer_
  uint64_t consumed_ = 0;
  std::string error_;
};

}  // namespace zconform::zmtp
