// Fuzz target: a byte stream from an implementation under test over ws, as the raw peer reads it
// (ZWS 2.0, RFC 45): an HTTP upgrade head, then WebSocket frames. The implementation is untrusted,
// so nothing may crash or allocate what a length field claims; what is accepted must be the very
// octets read, and re-encode to them where the encoding was the canonical one. The first input
// byte splits the rest into feeds, so incremental decoding is exercised too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "zmtp/describe.hpp"
#include "zmtp/ws_upgrade.hpp"
#include "zmtp/zws_frame.hpp"

using namespace zconform::zmtp;

namespace {

void check(bool invariant) {
  if (!invariant) std::abort();
}

// RFC 6455 5.2: the shortest of the three length encodings, as encode_ws_frame writes it.
size_t canonical_header(size_t payload) { return payload <= 125 ? 2 : payload <= 0xFFFF ? 4 : 10; }

void check_frame(const WsFrame& frame) {
  const size_t mask_octets = frame.masked ? 4 : 0;
  check(frame.raw.size() >= frame.payload.size() + 2 + mask_octets);
  const size_t header = frame.raw.size() - frame.payload.size() - mask_octets;
  if (frame.fin && frame.rsv == 0 && header == canonical_header(frame.payload.size())) {
    std::optional<WsMask> mask;
    if (frame.masked) {
      mask = WsMask{};
      for (size_t i = 0; i < 4; ++i) (*mask)[i] = static_cast<uint8_t>(frame.raw[header + i]);
    }
    check(encode_ws_frame(frame.opcode, frame.payload, mask) == frame.raw);
  }
  std::string error;
  if (auto zmtp = zmtp_from_zws(frame, error)) {
    check(zmtp->raw == frame.raw);
    (void)describe_frame(*zmtp);
    // A binary frame's body is its payload after the flags octet.
    if (frame.opcode == kWsBinary)
      check(std::string(1, frame.payload[0]) + zmtp->body == frame.payload);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t piece = 1 + data[0] % 64;
  std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  // The upgrade head, either side's, as the raw peer parses it.
  const size_t head_end = http_head_end(stream);
  std::string_view frames = stream;
  if (head_end != std::string_view::npos) {
    const std::string_view head = stream.substr(0, head_end);
    std::string error;
    (void)parse_ws_upgrade_request(head, error);
    (void)parse_ws_upgrade_response(head, "dGhlIHNhbXBsZSBub25jZQ==", error);
    (void)http_status(head);
    frames = stream.substr(head_end);
  }

  // What follows as WebSocket frames, fed in pieces, under a small limit so that checks fire.
  WsFrameDecoder decoder(1 << 16);
  size_t consumed = 0;
  for (size_t at = 0; at < frames.size(); at += piece) {
    decoder.feed(frames.substr(at, piece));
    WsFrame frame;
    std::string error;
    while (decoder.next(frame, error) == WsFrameDecoder::Status::frame) {
      check(frame.raw == frames.substr(consumed, frame.raw.size()));
      consumed += frame.raw.size();
      check_frame(frame);
    }
  }
  return 0;
}
