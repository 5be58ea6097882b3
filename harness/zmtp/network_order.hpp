#pragma once
// Network-order (big-endian) integers in binary-safe std::string buffers: every size and length on
// the ZMTP wire is written this way (FRAME-02, NULL-01, HB-01).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace zconform::zmtp::detail {

inline void append_u8(std::string& out, uint8_t value) { out.push_back(static_cast<char>(value)); }

inline void append_be(std::string& out, uint64_t value, size_t octets) {
  for (size_t i = octets; i-- > 0;) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

inline uint8_t read_u8(std::string_view bytes, size_t at) {
  return static_cast<uint8_t>(bytes[at]);
}

// The caller has checked that `octets` bytes are there.
inline uint64_t read_be(std::string_view bytes, size_t at, size_t octets) {
  uint64_t value = 0;
  for (size_t i = 0; i < octets; ++i) value = (value << 8) | read_u8(bytes, at + i);
  return value;
}

// Exactly `width` octets: the start of `field`, NUL-padded when it is shorter (fixed-width greeting
// fields).
inline void append_fixed(std::string& out, std::string_view field, size_t width) {
  std::string_view head = field.substr(0, width);
  out.append(head);
  out.append(width - head.size(), '\0');
}

}  // namespace zconform::zmtp::detail
