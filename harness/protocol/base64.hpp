#pragma once
// Base64 (RFC 4648, standard alphabet, padded): how the agent protocol carries binary frames.
#include <optional>
#include <string>
#include <string_view>

namespace zconform::protocol {

std::string base64_encode(std::string_view bytes);

// Strict: rejects characters outside the alphabet, bad padding and non-zero trailing bits, so
// that every accepted text has exactly one decoding (the fuzzer checks decode -> encode identity).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace zconform::protocol
