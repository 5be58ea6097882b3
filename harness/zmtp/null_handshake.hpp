#pragma once
// The raw peer's side of a ZMTP 3.x NULL handshake, done the way libzmq needs it: the greeting in
// three stages (10 octets, the major version, the rest), each sent only after the peer's matching
// part arrived, so neither side waits for 64 octets first; then READY both ways (NULL-01/02).
// Every octet exchanged is kept, so a wire transcript can show it.
#include <string>
#include <vector>

#include "zmtp/command.hpp"
#include "zmtp/frame.hpp"
#include "zmtp/greeting.hpp"
#include "zmtp/raw_stream.hpp"
#include "zmtp/wire_transcript.hpp"

namespace zconform::zmtp {

struct HandshakeResult {
  bool ok = false;
  std::string error;                 // what went wrong, in words, when !ok
  Greeting peer_greeting;            // as far as it arrived
  std::vector<Property> peer_ready;  // the peer's READY properties
  WireTranscript transcript;         // every octet written and read, with its meaning
  FrameDecoder frames;               // holds what followed the peer's READY, ready to read on
};

// Sends `own` (its fields as given, wrong ones included) and a READY with `properties`; expects a
// ZMTP 3.x greeting with the NULL mechanism and a READY command from the peer.
HandshakeResult null_handshake(RawStream& stream, const Greeting& own,
                               const std::vector<Property>& properties, Clock::time_point deadline);

// Reads from the stream into `decoder` until a frame is complete, the peer closes, or the deadline;
// the frame (or the closing) goes into the transcript when one is given.
FrameDecoder::Status read_frame(RawStream& stream, FrameDecoder& decoder, DecodedFrame& out,
                                std::string& error, WireTranscript* transcript,
                                Clock::time_point deadline);

// Encodes, writes and records one frame.
RawStream::Status send_frame(RawStream& stream, const Frame& frame, WireTranscript& transcript,
                             Clock::time_point deadline);

}  // namespace zconform::zmtp
