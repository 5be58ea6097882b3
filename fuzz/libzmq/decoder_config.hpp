// The settings an engine gives its decoder, read from a target's first input byte: the ones that
// change the decoder's paths (zero-copy into the read buffer or a copy, a size limit or none, a
// buffer smaller or larger than a frame).
#pragma once

#include <cstdint>

#include "common/byte_reader.hpp"

namespace zconform::fuzz {

struct DecoderConfig {
  bool zero_copy = true;        // ZMQ_ZERO_COPY_RECV, on by default
  int64_t max_msg_size = -1;    // ZMQ_MAXMSGSIZE, -1 by default
  size_t in_batch_size = 8192;  // ZMQ_IN_BATCH_SIZE, 8192 by default
  bool flag = false;            // one more switch for the target (ws: the peer must mask)
};

inline DecoderConfig read_decoder_config(ByteReader& in) {
  const uint8_t bits = in.u8();
  static constexpr int64_t kLimits[] = {-1, 255, 256, 65536};
  // 32 KiB, not 64: a 64 KiB buffer with its reference counts is over ASan's 128 KiB size classes,
  // and each decoder then cost an mmap and munmap (a third of the time went there).
  static constexpr size_t kBatches[] = {8192, 64, 256, 32768};
  DecoderConfig config;
  config.zero_copy = (bits & 1) == 0;
  config.max_msg_size = kLimits[bits >> 1 & 3];
  config.in_batch_size = kBatches[bits >> 3 & 3];
  config.flag = (bits & 0x20) != 0;
  return config;
}

}  // namespace zconform::fuzz
