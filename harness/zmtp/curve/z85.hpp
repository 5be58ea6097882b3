#pragma once
// Z85 (RFC 32), the text form of CURVE keys in scenarios: 4 octets as 5 printable characters. The
// harness's own codec, so that zconform_zmtp does not link libzmq (the wire tests compare it with
// zmq_z85_encode/decode).
#include <optional>
#include <string>
#include <string_view>

namespace zconform::zmtp::curve {

// nullopt unless the size is a multiple of 4.
std::optional<std::string> z85_encode(std::string_view octets);
// nullopt unless the size is a multiple of 5 and every character is in the alphabet (and every
// group fits in 32 bits).
std::optional<std::string> z85_decode(std::string_view text);

}  // namespace zconform::zmtp::curve
