#include "zmtp/zws_frame.hpp"

#include "zmtp/command.hpp"
#include "zmtp/network_order.hpp"

namespace zconform::zmtp {

std::string encode_ws_frame(uint8_t opcode, std::string_view payload,
                            const std::optional<WsMask>& mask) {
  std::string out;
  out.reserve(14 + payload.size());
  detail::append_u8(out, static_cast<uint8_t>(0x80 | (opcode & 0x0F)));
  const uint8_t mask_bit = mask ? 0x80 : 0x00;
  const uint64_t size = payload.size();
  if (size <= 125) {
    detail::append_u8(out, static_cast<uint8_t>(mask_bit | size));
  } else if (size <= 0xFFFF) {
    detail::append_u8(out, static_cast<uint8_t>(mask_bit | 126));
    detail::append_be(out, size, 2);
  } else {
    detail::append_u8(out, static_cast<uint8_t>(mask_bit | 127));
    detail::append_be(out, size, 8);
  }
  if (!mask) {
    out += payload;
    return out;
  }
  out.append(reinterpret_cast<const char*>(mask->data()), mask->size());
  for (size_t i = 0; i < payload.size(); ++i)
    out += static_cast<char>(static_cast<uint8_t>(payload[i]) ^ (*mask)[i % 4]);
  return out;
}

namespace {

// The well-formed PING or PONG a frame carries, which ZWS sends as a WebSocket control frame.
std::optional<Ping> ping_in(const Frame& frame) {
  std::string error;
  auto command = frame.flags & kCommand ? parse_command_body(frame.body, error) : std::nullopt;
  return command && command->name == "PING" ? parse_ping(*command, error) : std::nullopt;
}
std::optional<Pong> pong_in(const Frame& frame) {
  std::string error;
  auto command = frame.flags & kCommand ? parse_command_body(frame.body, error) : std::nullopt;
  return command && command->name == "PONG" ? parse_pong(*command, error) : std::nullopt;
}

}  // namespace

std::string zws_unsupported(const Frame& frame) {
  if (frame.size_override) return "a declared size unlike the body's (ZMTP frame header)";
  if (frame.force_long) return "an 8-octet size on a short body (ZMTP frame header)";
  if (frame.raw_flags) return "a ZMTP flags octet written as is";
  if (frame.flags & kLong) return "the ZMTP LONG flag";
  auto ping = ping_in(frame);
  if (ping && ping->ttl_deciseconds != 0) return "a PING TTL (a WebSocket ping carries none)";
  return "";
}

std::string encode_zws_frame(const Frame& frame, const std::optional<WsMask>& mask) {
  if (auto ping = ping_in(frame)) return encode_ws_frame(kWsPing, ping->context, mask);
  if (auto pong = pong_in(frame)) return encode_ws_frame(kWsPong, pong->context, mask);
  uint8_t flags = frame.flags & kReservedBits;
  if (frame.flags & kMore) flags |= kZwsMore;
  if (frame.flags & kCommand) flags |= kZwsCommand;
  std::string payload(1, static_cast<char>(flags));
  payload += frame.body;
  return encode_ws_frame(kWsBinary, payload, mask);
}

std::optional<DecodedFrame> zmtp_from_zws(const WsFrame& frame, std::string& error) {
  DecodedFrame out;
  out.raw = frame.raw;
  switch (frame.opcode) {
    case kWsBinary: {
      if (frame.payload.empty()) {
        error = "a ZWS binary frame with no flags octet";
        return std::nullopt;
      }
      const auto flags = static_cast<uint8_t>(frame.payload[0]);
      out.more = (flags & kZwsMore) != 0;
      out.command = (flags & kZwsCommand) != 0;
      out.reserved_bits = flags & static_cast<uint8_t>(~(kZwsMore | kZwsCommand));
      // In ZMTP's bits, so that what reads and describes frames needs no second meaning.
      out.flags = static_cast<uint8_t>((out.more ? kMore : 0) | (out.command ? kCommand : 0) |
                                       (flags & kReservedBits));
      out.body = frame.payload.substr(1);
      out.declared_size = out.body.size();
      return out;
    }
    case kWsPing:
    case kWsPong: {
      const Frame command = frame.opcode == kWsPing ? ping(0, frame.payload) : pong(frame.payload);
      out.flags = kCommand;
      out.command = true;
      out.body = command.body;
      out.declared_size = out.body.size();
      return out;
    }
    default:
      error = "WebSocket opcode " + std::to_string(frame.opcode) + " carries no ZMTP frame";
      return std::nullopt;
  }
}

WsFrameDecoder::WsFrameDecoder(uint64_t max_payload) : max_payload_(max_payload) {}

void WsFrameDecoder::feed(std::string_view bytes) {
  if (!error_.empty()) return;
  if (start_ > 0 && start_ * 2 >= buffer_.size()) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  buffer_.append(bytes);
}

WsFrameDecoder::Status WsFrameDecoder::next(WsFrame& out, std::string& error) {
  if (!error_.empty()) {
    error = error_;
    return Status::error;
  }
  std::string_view input = pending();
  if (input.size() < 2) return Status::need_more;
  const uint8_t first = detail::read_u8(input, 0);
  const uint8_t second = detail::read_u8(input, 1);
  const bool masked = (second & 0x80) != 0;
  uint64_t size = second & 0x7F;
  size_t header = 2;
  if (size == 126) {
    if (input.size() < 4) return Status::need_more;
    size = detail::read_be(input, 2, 2);
    header = 4;
  } else if (size == 127) {
    if (input.size() < 10) return Status::need_more;
    size = detail::read_be(input, 2, 8);
    header = 10;
  }
  // RFC 6455 5.2: the most significant bit of a 64-bit length must be 0.
  if (size > kMaxLongSize) {
    error = error_ = "WebSocket frame length " + std::to_string(size) + " has the top bit set";
    return Status::error;
  }
  if (size > max_payload_) {
    error = error_ = "WebSocket frame of " + std::to_string(size) + " octets exceeds the limit " +
                     std::to_string(max_payload_);
    return Status::error;
  }
  const size_t mask_at = header;
  if (masked) header += 4;
  if (input.size() < header || input.size() - header < size) return Status::need_more;

  out.fin = (first & 0x80) != 0;
  out.rsv = first & 0x70;
  out.opcode = first & 0x0F;
  out.masked = masked;
  out.raw = std::string(input.substr(0, header + size));
  out.payload = out.raw.substr(header);
  if (masked) {
    for (size_t i = 0; i < out.payload.size(); ++i)
      out.payload[i] = static_cast<char>(out.payload[i] ^ out.raw[mask_at + i % 4]);
  }
  start_ += header + size;
  return Status::frame;
}

}  // namespace zconform::zmtp
