// Fuzz target: libzmq's ZMTP 2.0/3.x frame decoder (src/v2_decoder.cpp), in-process, fed as its
// engine feeds it (libzmq/decoder_feed.hpp). Beyond "no crash": every message libzmq delivers must
// be the frame the harness's own decoder reads at the same place (body, MORE, COMMAND), so the two
// decoders are checked against each other. Input: a settings byte, a read-size byte, the stream.
#include <cstdint>
#include <memory>
#include <string>

#include "libzmq/decoder_feed.hpp"
#include "v2_decoder.hpp"
#include "zmtp/frame.hpp"

using namespace zconform::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto [config, reads, stream] = read_decoder_input(data, size);

  auto decoder = std::make_unique<zmq::v2_decoder_t>(config.in_batch_size, config.max_msg_size,
                                                     config.zero_copy);
  const FeedResult result =
      feed_like_the_engine(std::move(decoder), stream, reads, config.max_msg_size);

  // No frame libzmq delivers is longer than the stream, so that bound refuses nothing it could.
  zconform::zmtp::FrameDecoder reference(stream.size());
  reference.feed(stream);
  for (const Delivered& message : result.messages) {
    zconform::zmtp::DecodedFrame frame;
    std::string error;
    check(reference.next(frame, error) == zconform::zmtp::FrameDecoder::Status::frame);
    check(frame.body == message.body);
    check(frame.more == message.more);
    check(frame.command == message.command);
  }
  return 0;
}
