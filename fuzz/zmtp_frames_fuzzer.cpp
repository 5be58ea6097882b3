// Fuzz target: the harness's ZMTP frame decoder alone, for speed (zmtp_stream adds the greeting,
// commands and the text the raw peer logs). Invariant: decode -> encode -> decode gives the same
// frames: every frame decoded from the stream, fed in pieces (the first byte picks their size),
// re-encodes to the very octets it was read from, and those octets decode to the same frame.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/reencode.hpp"
#include "zmtp/frame.hpp"

using namespace zconform::zmtp;

namespace {

void check(bool invariant) {
  if (!invariant) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t piece = 1 + data[0] % 64;
  const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);
  // Kept from input to input and reset, so that the time goes to decoding rather than to
  // allocating the same buffers again (six allocations per frame, each slow under ASan).
  static FrameDecoder decoder(1 << 16), redecoder(1 << 16);
  static DecodedFrame frame, same;
  static Frame again;
  decoder.reset();
  uint64_t consumed = 0;
  std::string error;
  for (size_t at = 0; at < stream.size(); at += piece) {
    decoder.feed(stream.substr(at, piece));
    while (decoder.next(frame, error) == FrameDecoder::Status::frame) {
      check(frame.raw == stream.substr(consumed, frame.raw.size()));
      consumed += frame.raw.size();
      const std::string encoded = zconform::fuzz::reencode(frame, again);
      check(encoded == frame.raw);
      redecoder.reset();
      redecoder.feed(encoded);
      check(redecoder.next(same, error) == FrameDecoder::Status::frame && same == frame);
    }
    if (decoder.failed()) break;
  }
  check(decoder.consumed() == consumed);
  return 0;
}
