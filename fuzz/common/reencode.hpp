// A decoded ZMTP frame encoded again exactly as it was read (its flags octet as received, the
// size form it came in), for the decode -> encode -> decode invariants of the codec targets.
#pragma once

#include <string>

#include "zmtp/frame.hpp"

namespace zconform::fuzz {

inline std::string reencode(const zmtp::DecodedFrame& frame) {
  zmtp::Frame again{};
  again.raw_flags = frame.flags;
  again.force_long = frame.is_long;
  again.body = frame.body;
  return zmtp::encode_frame(again);
}

}  // namespace zconform::fuzz
