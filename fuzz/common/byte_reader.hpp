// Reads a fuzz input as fields: every read succeeds (missing bytes read as zero), so that any input
// is a valid instance of a structured format and libFuzzer can mutate each field on its own.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace zconform::fuzz {

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  bool empty() const { return at_ >= size_; }
  uint8_t u8() { return at_ < size_ ? data_[at_++] : 0; }
  uint16_t u16() { return static_cast<uint16_t>(u8() << 8 | u8()); }
  uint64_t u64() {
    uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value = value << 8 | u8();
    return value;
  }
  // Up to n of the next bytes (fewer at the end of the input).
  std::string_view bytes(size_t n) {
    const size_t take = std::min(n, size_ - std::min(at_, size_));
    std::string_view out(reinterpret_cast<const char*>(data_) + at_, take);
    at_ += take;
    return out;
  }
  std::string_view rest() { return bytes(size_); }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

}  // namespace zconform::fuzz
