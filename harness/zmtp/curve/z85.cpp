#include "zmtp/curve/z85.hpp"

#include <array>
#include <cstdint>

namespace zconform::zmtp::curve {
namespace {

constexpr std::string_view kAlphabet =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

// Character -> digit, -1 for characters outside the alphabet.
constexpr std::array<int, 256> digits() {
  std::array<int, 256> table{};
  for (int& d : table) d = -1;
  for (size_t i = 0; i < kAlphabet.size(); ++i)
    table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int>(i);
  return table;
}

}  // namespace

std::optional<std::string> z85_encode(std::string_view octets) {
  if (octets.size() % 4 != 0) return std::nullopt;
  std::string text;
  for (size_t at = 0; at < octets.size(); at += 4) {
    uint32_t value = 0;
    for (size_t i = 0; i < 4; ++i) value = (value << 8) | static_cast<uint8_t>(octets[at + i]);
    char group[5];
    for (int i = 4; i >= 0; --i) {
      group[i] = kAlphabet[value % 85];
      value /= 85;
    }
    text.append(group, 5);
  }
  return text;
}

std::optional<std::string> z85_decode(std::string_view text) {
  static constexpr auto kDigits = digits();
  if (text.size() % 5 != 0) return std::nullopt;
  std::string octets;
  for (size_t at = 0; at < text.size(); at += 5) {
    uint64_t value = 0;
    for (size_t i = 0; i < 5; ++i) {
      const int digit = kDigits[static_cast<unsigned char>(text[at + i])];
      if (digit < 0) return std::nullopt;
      value = value * 85 + static_cast<uint64_t>(digit);
    }
    if (value > 0xFFFFFFFFull) return std::nullopt;
    for (int shift = 24; shift >= 0; shift -= 8)
      octets.push_back(static_cast<char>((value >> shift) & 0xFF));
  }
  return octets;
}

}  // namespace zconform::zmtp::curve
