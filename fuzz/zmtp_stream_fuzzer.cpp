// Fuzz target: a byte stream from an implementation under test, as the raw peer reads it. The IUT
// is untrusted (a buggy or hostile peer may send anything), so decoding must never crash or
// allocate what a size field claims; and what it accepts must re-encode to the very bytes read.
// The first input byte splits the rest into feeds, so incremental decoding is exercised too.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/reencode.hpp"
#include "zmtp/command.hpp"
#include "zmtp/describe.hpp"
#include "zmtp/frame.hpp"
#include "zmtp/greeting.hpp"

using namespace zconform::zmtp;

namespace {

void check(bool invariant) {
  if (!invariant) std::abort();
}

void check_command(const DecodedFrame& frame) {
  std::string error;
  auto command = parse_command_body(frame.body, error);
  if (!command) return;
  check(encode_command_body(*command) == frame.body);  // FRAME-08 layout, byte for byte
  if (command->name == "READY" || command->name == "INITIATE") {
    std::vector<Property> properties;
    if (parse_properties(command->data, properties, error))
      check(encode_properties(properties) == command->data);
  }
  if (auto ping = parse_ping(*command, error)) check(command_frame(*command).body == frame.body);
  (void)parse_error(*command, error);
  (void)parse_hello(*command, error);
  (void)parse_pong(*command, error);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t piece = 1 + data[0] % 64;
  std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  // A greeting read as libzmq reads it; re-encoding gives back the 64 octets.
  (void)classify_greeting_prefix(stream);
  if (auto greeting = decode_greeting(stream)) {
    check(encode_greeting(*greeting) == stream.substr(0, kGreetingSize));
    (void)describe_greeting(*greeting);
  }

  // The same bytes as frames, fed in pieces, under a small limit so that size checks fire.
  FrameDecoder decoder(1 << 16);
  uint64_t consumed = 0;
  for (size_t at = 0; at < stream.size(); at += piece) {
    decoder.feed(stream.substr(at, piece));
    DecodedFrame frame;
    std::string error;
    while (decoder.next(frame, error) == FrameDecoder::Status::frame) {
      check(frame.raw == stream.substr(consumed, frame.raw.size()));
      consumed += frame.raw.size();
      check(zconform::fuzz::reencode(frame) == frame.raw);
      (void)describe_frame(frame);
      if (frame.command) check_command(frame);
    }
  }
  check(decoder.consumed() == consumed);
  return 0;
}
