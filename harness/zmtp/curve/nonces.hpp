#pragma once
// CurveZMQ's 24-octet nonces (RFC 26): a short nonce is an 8-octet network-order counter after a
// 16-character prefix naming the command; a long nonce is 16 random octets after an 8-character
// prefix. The prefix is never sent: both ends know it from the command.
#include <cstdint>
#include <string>
#include <string_view>

#include "zmtp/network_order.hpp"

namespace zconform::zmtp::curve {

inline constexpr std::string_view kHelloPrefix = "CurveZMQHELLO---";
inline constexpr std::string_view kInitiatePrefix = "CurveZMQINITIATE";
inline constexpr std::string_view kReadyPrefix = "CurveZMQREADY---";
// RFC 26's grammar says "CurveZMQMESSAGE-"; its text (and every implementation) tells the
// directions apart, so that a MESSAGE cannot be reflected back to its sender.
inline constexpr std::string_view kMessageFromClientPrefix = "CurveZMQMESSAGEC";
inline constexpr std::string_view kMessageFromServerPrefix = "CurveZMQMESSAGES";
inline constexpr std::string_view kWelcomePrefix = "WELCOME-";
inline constexpr std::string_view kCookiePrefix = "COOKIE--";
inline constexpr std::string_view kVouchPrefix = "VOUCH---";

inline constexpr size_t kShortNonceSize = 8;
inline constexpr size_t kLongNonceSize = 16;

inline std::string short_nonce(std::string_view prefix, uint64_t counter) {
  std::string nonce(prefix);
  detail::append_be(nonce, counter, kShortNonceSize);
  return nonce;
}

inline std::string long_nonce(std::string_view prefix, std::string_view random16) {
  return std::string(prefix) + std::string(random16);
}

}  // namespace zconform::zmtp::curve
