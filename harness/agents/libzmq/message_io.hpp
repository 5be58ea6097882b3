#pragma once
// Sending and receiving whole multipart messages with the protocol's waiting rules.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>
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

// A draft type's message properties (PROTOCOL.md "Draft socket types"): the peer of a SERVER or
// PEER message, the group of a RADIO or DISH message. Set only through the draft API.
struct MessageProperties {
  std::optional<uint32_t> routing_id;
  std::optional<std::string> group;
};

// Sends `frames` as one message (all but the last with SNDMORE), each frame with `properties`.
// Throws ZmqError: EAGAIN when the wait runs out, otherwise libzmq's errno (EFSM, ETERM,
// EHOSTUNREACH, EINVAL for a group too long, ...).
void send_message(zmq::socket_t& socket, const protocol::Frames& frames, Wait wait,
                  const MessageProperties& properties = {});

// Which properties a received message carries: a SERVER's or PEER's routing id, a DISH's group.
struct PropertyKinds {
  bool routing_id = false;
  bool group = false;
  // Metadata names asked for with zmq_msg_gets (META-01): "Socket-Type", "Peer-Address", "X-...".
  std::vector<std::string> metadata;
};

struct ReceivedMessage {
  protocol::Frames frames;
  MessageProperties properties;  // read from its first frame, as PropertyKinds says
  // zmq_msg_gets of each name asked for, on the first frame; nullopt where it has none (EINVAL).
  std::vector<std::pair<std::string, std::optional<std::string>>> metadata;
};

// Receives every frame of the next message. Same errors as send_message.
ReceivedMessage receive_message(zmq::socket_t& socket, Wait wait, PropertyKinds kinds = {});

// zmq_recv into a buffer of `size` octets: one frame, of which at most `size` octets are copied.
struct ReceivedInto {
  std::string bytes;           // what the buffer holds
  long long message_size = 0;  // what zmq_recv returned: the frame's whole size
  bool more = false;
};
ReceivedInto receive_into(zmq::socket_t& socket, size_t size, Wait wait);

}  // namespace zconform::libzmq_agent
