#pragma once
// Frames and greetings as one line of a transcript, e.g.
//   MORE|LONG size=300 body=<300 bytes: 00010203...>
//   COMMAND READY Socket-Type=PUB Identity=""
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "zmtp/frame.hpp"
#include "zmtp/greeting.hpp"

namespace zconform::zmtp {

// Lowercase hex of the first max_bytes octets, "..." appended when some were left out.
std::string hex(std::string_view bytes, size_t max_bytes = std::string_view::npos);

// Printable bytes (up to 64) quoted, anything else as "<N bytes: hex prefix>".
std::string describe_bytes(std::string_view bytes);

// "MORE|LONG|COMMAND" in bit order, reserved bits as "RESERVED(0x08)"; empty for 0.
std::string describe_flags(uint8_t flags);

// Commands are decoded by name (READY/INITIATE properties, ERROR reason, PING ttl and context,
// ...); malformed ones say what is wrong and show their bytes.
std::string describe_frame(const DecodedFrame& frame);

// "greeting 3.1 NULL as-server=0", plus any signature, padding or filler that is not the usual.
std::string describe_greeting(const Greeting& greeting);

}  // namespace zconform::zmtp
