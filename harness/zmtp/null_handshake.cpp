#include "zmtp/null_handshake.hpp"

#include "zmtp/describe.hpp"

namespace zconform::zmtp {
namespace {

std::string status_text(RawStream::Status status) {
  return status == RawStream::Status::closed ? "the peer closed the connection"
                                             : "nothing arrived before the deadline";
}

DecodedFrame decoded(std::string_view raw) {
  FrameDecoder decoder;
  decoder.feed(raw);
  DecodedFrame frame;
  std::string error;
  decoder.next(frame, error);
  return frame;
}

}  // namespace

RawStream::Status send_frame(RawStream& stream, const Frame& frame, WireTranscript& transcript,
                             Clock::time_point deadline) {
  const std::string raw = encode_frame(frame);
  transcript.sent(raw, describe_frame(decoded(raw)));
  return stream.write_all(raw, deadline);
}

FrameDecoder::Status read_frame(RawStream& stream, FrameDecoder& decoder, DecodedFrame& out,
                                std::string& error, WireTranscript* transcript,
                                Clock::time_point deadline) {
  while (true) {
    FrameDecoder::Status status = decoder.next(out, error);
    if (status == FrameDecoder::Status::frame && transcript)
      transcript->received(out.raw, describe_frame(out));
    if (status == FrameDecoder::Status::error && transcript)
      transcript->note("undecodable: " + error);
    if (status != FrameDecoder::Status::need_more) return status;
    std::string chunk;
    RawStream::Status read = stream.read_some(chunk, 65536, deadline);
    if (read != RawStream::Status::ok) {
      error = status_text(read);
      if (!decoder.pending().empty())
        error +=
            " inside a frame, after " + std::to_string(decoder.pending().size()) + " octets of it";
      if (transcript) transcript->note(error);
      return FrameDecoder::Status::error;
    }
    decoder.feed(chunk);
  }
}

HandshakeResult null_handshake(RawStream& stream, const Greeting& own,
                               const std::vector<Property>& properties,
                               Clock::time_point deadline) {
  HandshakeResult result;
  WireTranscript& wire = result.transcript;
  const std::string greeting = encode_greeting(own);
  std::string peer;  // the peer's greeting octets so far
  auto fail = [&](const std::string& what) {
    result.error = what;
    wire.note(what);
    return std::move(result);
  };

  // Three stages, each answered before the next (CLAUSES.md: never wait for 64 octets first).
  struct Stage {
    size_t size;
    const char* meaning;
  } stages[] = {{kGreetingPart1, "greeting signature"},
                {kGreetingPart2, "greeting major version"},
                {kGreetingPart3, "greeting rest: minor, mechanism, as-server, filler"}};
  size_t offset = 0;
  for (const Stage& stage : stages) {
    std::string_view part = std::string_view(greeting).substr(offset, stage.size);
    wire.sent(part, stage.meaning);
    if (auto s = stream.write_all(part, deadline); s != RawStream::Status::ok) {
      return fail("sending greeting octets from " + std::to_string(offset) + ": " + status_text(s));
    }
    const size_t before = peer.size();
    auto s = stream.read_exact(peer, stage.size, deadline);
    if (peer.size() > before) wire.received(std::string_view(peer).substr(before), stage.meaning);
    if (s != RawStream::Status::ok) {
      return fail("the peer's greeting stopped after " + std::to_string(peer.size()) +
                  " octets: " + status_text(s));
    }
    offset += stage.size;
    if (offset == kGreetingPart1 + kGreetingPart2) {
      auto version = classify_greeting_prefix(peer);
      if (version && *version != GreetingVersion::zmtp3_x) {
        return fail(std::string("the peer greets as ") + to_string(*version) + ", not ZMTP 3.x");
      }
    }
  }
  result.peer_greeting = *decode_greeting(peer);
  wire.note("peer " + describe_greeting(result.peer_greeting));
  if (result.peer_greeting.mechanism != "NULL")
    return fail("the peer's mechanism is '" + result.peer_greeting.mechanism + "', not NULL");

  if (auto s = send_frame(stream, ready(properties), wire, deadline); s != RawStream::Status::ok) {
    return fail("sending READY: " + status_text(s));
  }
  DecodedFrame frame;
  std::string error;
  if (read_frame(stream, result.frames, frame, error, &wire, deadline) !=
      FrameDecoder::Status::frame) {
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
