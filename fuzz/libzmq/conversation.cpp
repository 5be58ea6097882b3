#include "libzmq/conversation.hpp"

#include "libzmq/curve_peer.hpp"

namespace zconform::fuzz {

std::unique_ptr<Conversation> conversation_of(const ZmtpScript& script) {
  if (script.curve_session) return curve_conversation(script);
  std::vector<std::string> steps = script.handshake;
  steps.push_back(script.frames);
  if (!script.await_handshake) steps = {script.joined()};
  return std::make_unique<FixedConversation>(std::move(steps));
}

}  // namespace zconform::fuzz
