// Fuzz target: libzmq's ZWS 2.0 decoder (src/ws_decoder.cpp: WebSocket frames with the ZWS flags
// octet), in-process, fed as its engine feeds it (libzmq/decoder_feed.hpp), as a server (the peer
// must mask) or a client. Every message libzmq delivers must be what the harness's own WebSocket
// decoder reads at the same place: a binary frame's payload after the flags octet with its MORE
// and COMMAND bits, a ping, pong or close frame's payload as a command.
#include <cstdint>
#include <memory>
#include <string>

#include "libzmq/decoder_feed.hpp"
#include "ws_decoder.hpp"
#include "zmtp/zws_frame.hpp"

using namespace zconform::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto [config, reads, stream] = read_decoder_input(data, size);
  const bool must_mask = config.flag;  // libzmq is the server: RFC 6455 5.1

  auto decoder = std::make_unique<zmq::ws_decoder_t>(config.in_batch_size, config.max_msg_size,
                                                     config.zero_copy, must_mask);
  const FeedResult result =
      feed_like_the_engine(std::move(decoder), stream, reads, config.max_msg_size);

  // No frame libzmq delivers is longer than the stream, so that bound refuses nothing it could.
  zconform::zmtp::WsFrameDecoder reference(stream.size());
  reference.feed(stream);
  for (const Delivered& message : result.messages) {
    zconform::zmtp::WsFrame frame;
    std::string error;
    check(reference.next(frame, error) == zconform::zmtp::WsFrameDecoder::Status::frame);
    check(frame.fin && frame.masked == must_mask);
    if (frame.opcode == 0x2) {  // binary: the ZWS flags octet, then the body
      check(!frame.payload.empty());
      check(message.body == std::string_view(frame.payload).substr(1));
      check(message.more == ((frame.payload[0] & 0x01) != 0));
      check(message.command == ((frame.payload[0] & 0x02) != 0));
    } else {  // close (0x8), ping (0x9), pong (0xA)
      check(frame.opcode == 0x8 || frame.opcode == 0x9 || frame.opcode == 0xA);
      check(message.body == frame.payload);
      check(message.command);
    }
  }
  return 0;
}
