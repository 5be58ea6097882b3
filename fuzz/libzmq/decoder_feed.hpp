// Feeds a byte stream to one of libzmq's decoders (v1_decoder_t, v2_decoder_t, ws_decoder_t) the
// way stream_engine_base_t::in_event does: get_buffer, a read of at most that much (TCP hands over
// any piece), resize_buffer, then decode until the piece is used up. Each message is moved out as
// session_base_t::push_msg moves it into a pipe, and kept alive for a while after later reads, and
// after the decoder itself is gone, as a pipe keeps it: zero-copy messages point into the
// decoder's buffer, and ASan must see every use of that memory.
#pragma once

// clang-format off
#include "precompiled.hpp"  // libzmq's own first include: platform, zmq.h, the draft API
#include "msg.hpp"
// clang-format on

#include "libzmq/decoder_config.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace zconform::fuzz {

inline void check(bool invariant) {
  if (!invariant) std::abort();
}

// A message as the decoder delivered it.
struct Delivered {
  std::string body;
  bool more = false;
  bool command = false;
  uint8_t flags = 0;  // msg_t's flags
};

struct FeedResult {
  std::vector<Delivered> messages;
  bool rejected = false;  // decode() returned -1: the engine drops the connection
};

// The sizes of successive reads: 0 means "as much as the buffer takes", otherwise a cycle of caps
// derived from one input byte, so that headers and bodies straddle reads at every offset.
class ReadSizes {
 public:
  explicit ReadSizes(uint8_t seed) : seed_(seed) {}
  size_t next() {
    if (seed_ == 0) return SIZE_MAX;
    state_ = state_ * 33 + seed_;
    return 1 + state_ % (seed_ * 4u);
  }

 private:
  uint8_t seed_;
  uint32_t state_ = 1;
};

// A decoder target's input: the settings byte (decoder_config.hpp), the read-size byte, the
// stream.
struct DecoderInput {
  DecoderConfig config;
  ReadSizes reads;
  std::string_view stream;
};

inline DecoderInput read_decoder_input(const uint8_t* data, size_t size) {
  ByteReader in(data, size);
  const DecoderConfig config = read_decoder_config(in);
  const ReadSizes reads(in.u8());
  return {config, reads, in.rest()};
}

template <class Decoder>
FeedResult feed_like_the_engine(std::unique_ptr<Decoder> decoder, std::string_view stream,
                                ReadSizes reads, int64_t max_msg_size) {
  FeedResult result;
  constexpr size_t kHeld = 8;  // messages a pipe still holds
  std::array<zmq::msg_t, kHeld> held;
  for (auto& msg : held) msg.init();
  size_t next_held = 0;
  auto touch = [](zmq::msg_t& msg) {
    // Reads every octet, so that ASan checks the memory a message points into.
    const auto* data = static_cast<const unsigned char*>(msg.data());
    unsigned sum = 0;
    for (size_t i = 0; i < msg.size(); ++i) sum += data[i];
    return sum;
  };

  size_t at = 0;
  while (at < stream.size() && !result.rejected) {
    unsigned char* buffer = nullptr;
    size_t room = 0;
    decoder->get_buffer(&buffer, &room);
    check(buffer != nullptr && room > 0);
    const size_t n = std::min({room, stream.size() - at, reads.next()});
    std::memcpy(buffer, stream.data() + at, n);
    at += n;
    decoder->resize_buffer(n);

    const unsigned char* pos = buffer;
    size_t left = n;
    while (left > 0) {
      size_t processed = 0;
      const int rc = decoder->decode(pos, left, processed);
      check(processed <= left);
      pos += processed;
      left -= processed;
      if (rc == -1) {
        result.rejected = true;
        break;
      }
      if (rc == 0) {
        check(left == 0);  // "needs more" only once the piece is used up
        break;
      }
      zmq::msg_t* msg = decoder->msg();
      check(msg->check());
      if (max_msg_size >= 0) check(msg->size() <= static_cast<uint64_t>(max_msg_size));
      Delivered out;
      out.body.assign(static_cast<const char*>(msg->data()), msg->size());
      out.flags = msg->flags();
      out.more = (msg->flags() & zmq::msg_t::more) != 0;
      out.command = (msg->flags() & zmq::msg_t::command) != 0;
      result.messages.push_back(std::move(out));
      // Into the "pipe": the decoder keeps an empty message, as after session_base_t::push_msg.
      check(held[next_held++ % kHeld].move(*msg) == 0);  // closes what the slot held
    }
  }
  decoder.reset();  // the engine is gone; its messages live on in the pipe
  for (auto& msg : held) {
    (void)touch(msg);
    check(msg.close() == 0);
  }
  return result;
}

}  // namespace zconform::fuzz
