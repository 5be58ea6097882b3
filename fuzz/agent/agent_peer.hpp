// An implementation under test, black-box, through its agent (harness/agents/PROTOCOL.md): per
// input, a fresh socket of the chosen kind in the agent, bound on tcp loopback, and one raw TCP
// connection from this process that plays the input's conversation and half-closes. The
// implementation then has to close the connection; what its application received is fetched through
// the agent. Any failure of the agent (exit, crash, hang, garbage) ends the process with the
// reason: it is a finding about the implementation or its agent.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/conversation.hpp"
#include "common/socket_kinds.hpp"

namespace zconform {
class AgentClient;
}

namespace zconform::fuzz {

struct AgentExchange {
  std::vector<Message> delivered;     // whole messages, in the order the agent received them
  size_t bytes_from_peer = 0;         // what the implementation sent on the connection
  bool closed_by_peer = false;        // it closed the connection after the input's end
  bool handshake_unanswered = false;  // left open while the peer awaited a handshake command
};

class AgentPeer {
 public:
  // Starts the agent of a registered implementation (conformance/implementations/<name>.yaml);
  // agents come from the project's ordinary build (ZCONFORM_BUILD_DIR, default build/).
  explicit AgentPeer(const std::string& implementation);
  ~AgentPeer();

  const std::string& name() const { return name_; }

  // nullopt when the implementation cannot make such a socket (type or option unsupported).
  // Plays `conversation` (its steps, waiting for the implementation's handshake commands between
  // them) on a fresh connection, then half-closes.
  std::optional<AgentExchange> play(const SocketKind& kind, Conversation& conversation);

 private:
  [[noreturn]] void fail(const std::string& what) const;

  std::string name_;
  std::unique_ptr<AgentClient> client_;
  std::string context_;
};

}  // namespace zconform::fuzz
