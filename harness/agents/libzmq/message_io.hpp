#pragma once
// Sending and receiving whole multipart messages with the protocol's waiting rules.
#include <cstdint>
#include <optional>
#include <zmq.hpp>

#include "protocol/messages.hpp"

namespace zconform::libzmq_agent {

// How long a send or recv may wait for the socket: forever, not at all, or at most N ms.
struct Wait {
  // timeout_ms as the protocol gives it: nullopt or negative blocks, 0 never waits.
  static Wait from_timeout(std::optional<int64_t> timeout_ms);
  static Wait forever() { return Wait{-1}; }
  static Wait never() { return Wait{0}; }

  bool blocks() const { return timeout_ms < 0; }
  int64_t timeout_ms;
};

// Sends `frames` as one message (all but the last with SNDMORE). Throws ZmqError: EAGAIN when the
// wait runs out, otherwise libzmq's errno (EFSM, ETERM, EHOSTUNREACH, ...).
void send_message(zmq::socket_t& socket, const protocol::Frames& frames, Wait wait);

// Receives every frame of the next message. Same errors as send_message.
protocol::Frames receive_message(zmq::socket_t& socket, Wait wait);

}  // namespace zconform::libzmq_agent
