#include "libzmq/curve_peer.hpp"

#include "zmtp/curve/client_handshake.hpp"
#include "zmtp/curve/keys.hpp"

namespace zconform::fuzz {

namespace {

using namespace zmtp::curve;

class CurveConversation : public Conversation {
 public:
  explicit CurveConversation(const ZmtpScript& script)
      : script_(script), handshake_(test_client_keys(), test_server_keys().public_key) {}

  Step start() override {
    return {script_.handshake.front() + zmtp::encode_frame({zmtp::kCommand, handshake_.hello()}),
            true};
  }

  Step on_command(const zmtp::DecodedFrame& command) override {
    if (!welcomed_) {
      std::string error;
      if (!handshake_.take_welcome(command.body, error)) return {};
      welcomed_ = true;
      return {zmtp::encode_frame({zmtp::kCommand, handshake_.initiate(script_.curve_metadata)}),
              true};
    }
    return {sealed_frames(), false};
  }

 private:
  std::string sealed_frames() const {
    Session session = handshake_.session();
    std::string out;
    size_t sealed_up_to = 0;
    for (const ParsedFrame& frame : frames_in(script_.frames, script_.version)) {
      uint8_t flags = 0;
      if (frame.flags & zmtp::kMore) flags |= kMessageMore;
      if (frame.flags & zmtp::kCommand) flags |= kMessageCommand;
      // libzmq 4.3.4 takes a MESSAGE only on a frame without the COMMAND flag (wire/curve's
      // X-CURVE-FRAMING-01 finding); RFC 23 would have it a command.
      out += zmtp::encode_frame({0, session.seal(flags, frame.body)});
      sealed_up_to = frame.end;
    }
    return out + script_.frames.substr(sealed_up_to);
  }

  const ZmtpScript& script_;
  ClientHandshake handshake_;
  bool welcomed_ = false;
};

}  // namespace

std::unique_ptr<Conversation> curve_conversation(const ZmtpScript& script) {
  return std::make_unique<CurveConversation>(script);
}

std::string_view curve_server_secret() { return kTestServerSecret; }

}  // namespace zconform::fuzz
