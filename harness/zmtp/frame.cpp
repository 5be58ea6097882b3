#include "zmtp/frame.hpp"

#include "zmtp/network_order.hpp"

namespace zconform::zmtp {

std::string encode_frame(const Frame& frame) {
  uint64_t size = frame.size_override.value_or(frame.body.size());
  bool long_size = frame.force_long || (frame.flags & kLong) != 0 || size > kMaxShortSize;
  uint8_t flags =
      frame.raw_flags.value_or(static_cast<uint8_t>(frame.flags | (long_size ? kLong : 0)));
  std::string out;
  out.reserve(1 + (long_size ? 8 : 1) + frame.body.size());
  detail::append_u8(out, flags);
  detail::append_be(out, size, long_size ? 8 : 1);
  out += frame.body;
  return out;
}

FrameDecoder::FrameDecoder(uint64_t max_body) : max_body_(max_body) {}

void FrameDecoder::reset() {
  buffer_.clear();
  start_ = 0;
  consumed_ = 0;
  error_.clear();
}

void FrameDecoder::feed(std::string_view bytes) {
  if (failed()) return;  // the stream is lost; keeping its bytes would only grow memory
  // Drop what earlier frames used before growing, so byte-at-a-time feeding stays linear.
  if (start_ > 0 && start_ * 2 >= buffer_.size()) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  buffer_.append(bytes);
}

FrameDecoder::Status FrameDecoder::fail(std::string message, std::string& error) {
  error_ = std::move(message);
  error = error_;
  return Status::error;
}

FrameDecoder::Status FrameDecoder::next(DecodedFrame& out, std::string& error) {
  if (failed()) {
    error = error_;
    return Status::error;
  }
  std::string_view input = pending();
  if (input.empty()) return Status::need_more;
  uint8_t flags = detail::read_u8(input, 0);
  bool is_long = (flags & kLong) != 0;
  size_t header_size = 1 + (is_long ? 8 : 1);
  if (input.size() < header_size) return Status::need_more;
  uint64_t size = detail::read_be(input, 1, header_size - 1);
  // Checked before waiting for the body: an absurd size must not make us buffer or allocate it.
  if (size > kMaxLongSize) {
    return fail("long frame size " + std::to_string(size) +
                    " has the top bit set (FRAME-02: at most 2^63-1)",
                error);
  }
  if (size > max_body_) {
    return fail("frame of " + std::to_string(size) + " bytes exceeds the limit " +
                    std::to_string(max_body_),
                error);
  }
  if (input.size() - header_size < size) return Status::need_more;

  out.flags = flags;
  out.more = (flags & kMore) != 0;
  out.is_long = is_long;
  out.command = (flags & kCommand) != 0;
  out.reserved_bits = flags & kReservedBits;
  out.declared_size = size;
  // assign, so that a caller reading frame after frame into one DecodedFrame reuses its memory.
  out.raw.assign(input.data(), header_size + size);
  out.body.assign(out.raw, header_size);
  start_ += header_size + size;
  consumed_ += header_size + size;
  return Status::frame;
}

}  // namespace zconform::zmtp
