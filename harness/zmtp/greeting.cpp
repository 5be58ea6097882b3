#include "zmtp/greeting.hpp"

#include "zmtp/network_order.hpp"

namespace zconform::zmtp {

std::string encode_greeting(const Greeting& greeting) {
  std::string out;
  out.reserve(kGreetingSize);
  detail::append_u8(out, greeting.signature_first);
  detail::append_fixed(out, greeting.padding, kPaddingSize);
  detail::append_u8(out, greeting.signature_last);
  detail::append_u8(out, greeting.major);
  detail::append_u8(out, greeting.minor);
  detail::append_fixed(out, greeting.mechanism, kMechanismSize);
  detail::append_u8(out, greeting.as_server);
  detail::append_fixed(out, greeting.filler, kFillerSize);
  return out;
}

std::optional<Greeting> decode_greeting(std::string_view bytes) {
  if (bytes.size() < kGreetingSize) return std::nullopt;
  Greeting greeting;
  greeting.signature_first = detail::read_u8(bytes, 0);
  greeting.padding = std::string(bytes.substr(kPaddingOffset, kPaddingSize));
  greeting.signature_last = detail::read_u8(bytes, kSignatureLastOffset);
  greeting.major = detail::read_u8(bytes, kMajorOffset);
  greeting.minor = detail::read_u8(bytes, kMinorOffset);
  std::string_view mechanism = bytes.substr(kMechanismOffset, kMechanismSize);
  // Only trailing NULs are padding; anything before them (even a NUL in the middle) is reported.
  size_t end = mechanism.find_last_not_of('\0');
  greeting.mechanism = std::string(end == std::string_view::npos ? std::string_view()
                                                                 : mechanism.substr(0, end + 1));
  greeting.as_server = detail::read_u8(bytes, kAsServerOffset);
  greeting.filler = std::string(bytes.substr(kFillerOffset, kFillerSize));
  return greeting;
}

const char* to_string(GreetingVersion version) {
  switch (version) {
    case GreetingVersion::zmtp1_0: return "ZMTP 1.0";
    case GreetingVersion::zmtp2_0: return "ZMTP 2.0";
    case GreetingVersion::zmtp3_x: return "ZMTP 3.x";
    case GreetingVersion::unknown: return "unknown";
  }
  return "?";
}

std::optional<GreetingVersion> classify_greeting_prefix(std::string_view first_bytes) {
  if (first_bytes.empty()) return std::nullopt;
  // GREET-02/GREET-06: only octet 0 and bit 0 of octet 9 are read; padding is never checked.
  if (detail::read_u8(first_bytes, 0) != 0xFF) return GreetingVersion::zmtp1_0;
  if (first_bytes.size() < kGreetingPart1) return std::nullopt;
  if ((detail::read_u8(first_bytes, kSignatureLastOffset) & 0x01) == 0)
    return GreetingVersion::zmtp1_0;
  if (first_bytes.size() < kGreetingPart1 + kGreetingPart2) return std::nullopt;
  switch (detail::read_u8(first_bytes, kMajorOffset)) {
    case 0: return GreetingVersion::zmtp1_0;  // versioned ZMTP 1.0 (RFC 13 with a revision octet)
    case 1: return GreetingVersion::zmtp2_0;  // RFC 15 revision 0x01
    case 2: return GreetingVersion::unknown;
    default: return GreetingVersion::zmtp3_x;
  }
}

}  // namespace zconform::zmtp
