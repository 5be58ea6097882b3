// What the peer of a live connection writes, step by step (to libzmq in-process, or to any
// implementation through its agent): a step's octets, then either the end
// (half-close) or a wait for the socket's next handshake command (its READY, WELCOME, ERROR),
// on which the next step depends. libzmq 4.3.4 takes a message that arrives before it has sent
// its own READY for a handshake command and drops the connection (null_mechanism.cpp via
// stream_engine_base.cpp:318): a peer that writes everything at once, as libzmq's own fuzzers do,
// never has a frame decoded after a ZMTP 3.x handshake.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/zmtp_script.hpp"
#include "zmtp/frame.hpp"

namespace zconform::fuzz {

struct Step {
  std::string bytes;
  bool then_wait = false;  // for one command frame from the socket before the next step
};

class Conversation {
 public:
  virtual ~Conversation() = default;
  virtual Step start() = 0;
  virtual Step on_command(const zmtp::DecodedFrame& command) = 0;
};

// Steps given in advance: after each but the last, one command from the socket is awaited.
class FixedConversation : public Conversation {
 public:
  explicit FixedConversation(std::vector<std::string> steps) : steps_(std::move(steps)) {}
  Step start() override { return take(); }
  Step on_command(const zmtp::DecodedFrame&) override { return take(); }

 private:
  Step take() {
    if (next_ >= steps_.size()) return {};
    Step step{std::move(steps_[next_]), next_ + 1 < steps_.size()};
    ++next_;
    return step;
  }
  std::vector<std::string> steps_;
  size_t next_ = 0;
};

// The conversation a script plays: its handshake steps then its frames (all at once where the
// script does not await the handshake). Not for a curve_session: libzmq/curve_peer.hpp plays
// those, in-process only.
std::unique_ptr<Conversation> conversation_of(const ZmtpScript& script);

// What the socket sends on the connection, as a conversation needs it: its greeting (64 octets
// to a ZMTP 3.x peer), then its commands, one at a time.
class SocketOutput {
 public:
  void feed(std::string_view bytes);
  // The next command frame the socket sent, if one is complete (frames that are not commands,
  // and a stream that does not decode, give none).
  bool next_command(zmtp::DecodedFrame& command);

 private:
  static constexpr size_t kGreeting = 64;
  size_t greeting_ = 0;
  zmtp::FrameDecoder decoder_{1 << 20};
};

// A conversation played on one connection: what to write next, when the command a step awaits
// has come, when to half-close. The loops that drive a connection (libzmq/live_sockets.cpp,
// agent/agent_peer.cpp) differ only in what else they serve.
class ConversationPlayer {
 public:
  explicit ConversationPlayer(Conversation& conversation)
      : conversation_(conversation), step_(conversation.start()) {}

  // What is left to write of the current step; empty when nothing is to be written now.
  std::string_view unwritten() const { return std::string_view(step_.bytes).substr(written_); }
  void wrote(size_t n) {
    written_ += n;
    advance();
  }
  // The socket closed first: nothing more is written.
  void stop_writing() { step_ = {}, written_ = 0; }
  // Octets the socket sent: the command a written step awaits brings the next step.
  void received(std::string_view bytes) {
    output_.feed(bytes);
    advance();
  }
  // Whether the written step awaits a command from the socket.
  bool awaiting() const { return step_.then_wait; }
  // Everything written, nothing awaited: time to half-close.
  bool done() const { return unwritten().empty() && !awaiting(); }

 private:
  void advance();

  Conversation& conversation_;
  Step step_;
  size_t written_ = 0;
  SocketOutput output_;
};

}  // namespace zconform::fuzz
