#include "common/conversation.hpp"

#include <algorithm>

namespace zconform::fuzz {

std::unique_ptr<Conversation> conversation_of(const ZmtpScript& script) {
  std::vector<std::string> steps = script.handshake;
  steps.push_back(script.frames);
  if (!script.await_handshake) steps = {script.joined()};
  return std::make_unique<FixedConversation>(std::move(steps));
}

void SocketOutput::feed(std::string_view bytes) {
  const size_t to_greeting = std::min(bytes.size(), kGreeting - greeting_);
  greeting_ += to_greeting;
  decoder_.feed(bytes.substr(to_greeting));
}

bool SocketOutput::next_command(zmtp::DecodedFrame& command) {
  std::string error;
  while (decoder_.next(command, error) == zmtp::FrameDecoder::Status::frame)
    if (command.command) return true;
  return false;
}

void ConversationPlayer::advance() {
  zmtp::DecodedFrame command;
  if (unwritten().empty() && awaiting() && output_.next_command(command)) {
    step_ = conversation_.on_command(command);
    written_ = 0;
  }
}

}  // namespace zconform::fuzz
