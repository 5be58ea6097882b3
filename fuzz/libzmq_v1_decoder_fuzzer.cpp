// Fuzz target: libzmq's ZMTP 1.0 frame decoder (src/v1_decoder.cpp), in-process, fed as its engine
// feeds it (libzmq/decoder_feed.hpp). ZMTP 1.0 (RFC 13) frames are a length (one octet, or 0xFF
// and eight) that counts the flags octet, the flags, the body. Every message libzmq delivers must
// be the frame that this file's reading of RFC 13 finds at the same place.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/byte_reader.hpp"
#include "libzmq/decoder_feed.hpp"
#include "v1_decoder.hpp"

using namespace zconform::fuzz;

namespace {

// The next RFC 13 frame of `in`, or nullopt at the end or at a length of 0 (no flags octet).
std::optional<Delivered> next_rfc13_frame(ByteReader& in) {
  if (in.empty()) return std::nullopt;
  uint64_t length = in.u8();
  if (length == 0xFF) length = in.u64();
  if (length == 0) return std::nullopt;
  Delivered frame;
  frame.more = (in.u8() & 1) != 0;
  const std::string_view body = in.bytes(length - 1 > SIZE_MAX ? SIZE_MAX : length - 1);
  if (body.size() != length - 1) return std::nullopt;
  frame.body = std::string(body);
  return frame;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto [config, reads, stream] = read_decoder_input(data, size);

  auto decoder = std::make_unique<zmq::v1_decoder_t>(config.in_batch_size, config.max_msg_size);
  const FeedResult result =
      feed_like_the_engine(std::move(decoder), stream, reads, config.max_msg_size);

  ByteReader reference(reinterpret_cast<const uint8_t*>(stream.data()), stream.size());
  for (const Delivered& message : result.messages) {
    const auto frame = next_rfc13_frame(reference);
    check(frame.has_value());
    check(frame->body == message.body);
    check(frame->more == message.more);
    check(!message.command);  // ZMTP 1.0 has no commands
  }
  return 0;
}
