// A decoded ZMTP frame encoded again exactly as it was read (its flags octet as received, the
// size form it came in), for the decode -> encode -> decode invariants of the codec targets.
#pragma once

#include <string>

#include "zmtp/frame.hpp"

namespace zconform::fuzz {

// `scratch` holds the frame to encode, so that a caller decoding frame after frame can keep one
// and reuse its memory.
inline std::string reencode(const zmtp::DecodedFrame& frame, zmtp::Frame& scratch) {
  scratch.raw_flags = frame.flags;
  scratch.force_long = frame.is_long;
  scratch.size_override.reset();
  scratch.body.assign(frame.body);
  return zmtp::encode_frame(scratch);
}

inline std::string reencode(const zmtp::DecodedFrame& frame) {
  zmtp::Frame scratch{};
  return reencode(frame, scratch);
}

}  // namespace zconform::fuzz
