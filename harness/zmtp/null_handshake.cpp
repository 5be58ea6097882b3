#include "zmtp/null_handshake.hpp"

namespace zconform::zmtp {
namespace {

std::string status_text(RawStream::Status status) {
  return status == RawStream::Status::closed ? "the peer closed the connection" : "nothing arrived before the deadline";
}

}  // namespace

FrameDecoder::Status read_frame(RawStream& stream, FrameDecoder& decoder, DecodedFrame& out, std::string& error,
                                std::string* received, Clock::time_point deadline) {
  while (true) {
    FrameDecoder::Status status = decoder.next(out, error);
    if (status != FrameDecoder::Status::need_more) return status;
    std::string chunk;
    RawStream::Status read = stream.read_some(chunk, 65536, deadline);
    if (read != RawStream::Status::ok) {
      error = status_text(read) + " (inside a frame after " + std::to_string(decoder.pending().size()) + " octets)";
      if (decoder.pending().empty()) error = status_text(read);
      return FrameDecoder::Status::error;
    }
    if (received) *received += chunk;
    decoder.feed(chunk);
  }
}

HandshakeResult null_handshake(RawStream& stream, const Greeting& own, const std::vector<Property>& properties,
                               Clock::time_point deadline) {
  HandshakeResult result;
  const std::string greeting = encode_greeting(own);
  auto fail = [&](const std::string& what) {
    result.error = what;
    return std::move(result);
  };
  auto send = [&](std::string_view bytes) {
    result.sent += bytes;
    return stream.write_all(bytes, deadline);
  };
  auto receive = [&](size_t n) { return stream.read_exact(result.received, n, deadline); };

  const size_t parts[] = {kGreetingPart1, kGreetingPart2, kGreetingPart3};
  size_t offset = 0;
  for (size_t part : parts) {
    if (auto s = send(std::string_view(greeting).substr(offset, part)); s != RawStream::Status::ok) {
      return fail("sending greeting octets " + std::to_string(offset) + "..: " + status_text(s));
    }
    if (auto s = receive(part); s != RawStream::Status::ok) {
      return fail("the peer's greeting stopped after " + std::to_string(result.received.size()) + " octets: " + status_text(s));
    }
    offset += part;
    if (offset == kGreetingPart1 + kGreetingPart2) {
      auto version = classify_greeting_prefix(result.received);
      if (version && *version != GreetingVersion::zmtp3_x) {
        return fail(std::string("the peer greets as ") + to_string(*version) + ", not ZMTP 3.x");
      }
    }
  }
  result.peer_greeting = *decode_greeting(result.received);
  if (result.peer_greeting.mechanism != "NULL") return fail("the peer's mechanism is '" + result.peer_greeting.mechanism + "', not NULL");

  if (auto s = send(encode_frame(ready(properties))); s != RawStream::Status::ok) return fail("sending READY: " + status_text(s));
  DecodedFrame frame;
  std::string error;
  if (read_frame(stream, result.frames, frame, error, &result.received, deadline) != FrameDecoder::Status::frame) {
    return fail("waiting for the peer's READY: " + error);
  }
  if (!frame.command) return fail("the peer's first frame after the greeting is not a command");
  auto command = parse_command_body(frame.body, error);
  if (!command) return fail("the peer's first command is malformed: " + error);
  if (command->name == "ERROR") {
    auto reason = parse_error(*command, error);
    return fail("the peer answered ERROR: " + (reason ? *reason : error));
  }
  auto props = parse_ready(*command, error);
  if (!props) return fail("the peer's first command is not a valid READY: " + error);
  result.peer_ready = std::move(*props);
  result.ok = true;
  return result;
}

}  // namespace zconform::zmtp
