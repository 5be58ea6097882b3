// The raw peer's CURVE layer (RFC 26 MESSAGE) between the frames the wire steps write and read and
// the octets on the wire.
#include "run/wire_peer.hpp"
#include "zmtp/curve/commands.hpp"
#include "zmtp/describe.hpp"

namespace zconform {

namespace curve = zmtp::curve;

void WirePeer::start_curve(curve::Session session, bool message_as_command,
                           std::optional<bool> expect_command_frames) {
  curve_.emplace(std::move(session));
  curve_message_as_command_ = message_as_command;
  curve_expect_command_frames_ = expect_command_frames;
  peer_ready_seen_ = true;
  transcript_.note(std::string("CURVE handshake done: frames travel in MESSAGE commands") +
                   (message_as_command ? " (framed as commands)" : " (framed as libzmq does)"));
}

// The frame's MORE and COMMAND flags go inside the box (bits 0 and 1, as libzmq does); the lies a
// frame tells about its header (size, LONG, reserved bits, raw flags) stay on the frame that
// carries the MESSAGE. Reserved bits inside the box are the session's (message_reserved_flags).
zmtp::Frame WirePeer::curve_seal(const zmtp::Frame& frame) {
  uint8_t flags = 0;
  if (frame.flags & zmtp::kMore) flags |= curve::kMessageMore;
  if (frame.flags & zmtp::kCommand) flags |= curve::kMessageCommand;
  zmtp::DecodedFrame inner;
  inner.flags = frame.flags;
  inner.more = frame.flags & zmtp::kMore;
  inner.command = frame.flags & zmtp::kCommand;
  inner.body = frame.body;
  inner.declared_size = frame.body.size();
  zmtp::Frame outer = frame;
  outer.flags = static_cast<uint8_t>((curve_message_as_command_ ? zmtp::kCommand : 0) |
                                     (frame.flags & zmtp::kReservedBits));
  outer.body = curve_->seal(flags, frame.body);
  transcript_.note("MESSAGE nonce " + std::to_string(curve_->last_sent_nonce()) + " box flags " +
                   std::to_string(flags | curve_->extra_flags) + " carries " +
                   zmtp::describe_frame(inner));
  return outer;
}

// A MESSAGE opens into the frame it carries: its flags from the box (bits 2-7 reported as reserved
// bits, CURVE-03), its LONG from the frame that carried it. Anything else (an ERROR after a failed
// MESSAGE, say) is passed on as it came, so the outcome step can see it.
WirePeer::Read WirePeer::curve_open(zmtp::DecodedFrame& frame, std::string& why) {
  if (curve::command_name(frame.body) != "MESSAGE") {
    transcript_.note("not a MESSAGE on a CURVE connection: passed on as it came");
    return Read::frame;
  }
  if (curve_expect_command_frames_ && frame.command != *curve_expect_command_frames_) {
    why = std::string("the implementation's MESSAGE came in a frame ") +
          (frame.command ? "with" : "without") + " the COMMAND flag (flags octet 0x" +
          zmtp::hex(std::string(1, static_cast<char>(frame.flags))) + "), the step expects it " +
          (*curve_expect_command_frames_ ? "with (RFC 23: message data encoded as commands)"
                                         : "without");
    transcript_.note(why);
    return Read::garbage;
  }
  auto opened = curve_->open(frame.body, why);
  if (!opened) {
    why = "the implementation's MESSAGE: " + why;
    transcript_.note(why);
    return Read::garbage;
  }
  zmtp::DecodedFrame inner;
  inner.more = opened->flags & curve::kMessageMore;
  inner.command = opened->flags & curve::kMessageCommand;
  inner.flags =
      static_cast<uint8_t>((inner.more ? zmtp::kMore : 0) | (inner.command ? zmtp::kCommand : 0));
  inner.reserved_bits = static_cast<uint8_t>(opened->flags & curve::kMessageReserved);
  inner.is_long = frame.is_long;
  inner.declared_size = opened->payload.size();
  inner.body = std::move(opened->payload);
  inner.raw = std::move(frame.raw);
  transcript_.note("MESSAGE nonce " + std::to_string(opened->nonce) + " box flags " +
                   std::to_string(opened->flags) + " (frame flags 0x" +
                   zmtp::hex(std::string(1, static_cast<char>(frame.flags))) + ") carries " +
                   zmtp::describe_frame(inner));
  frame = std::move(inner);
  return Read::frame;
}

}  // namespace zconform
