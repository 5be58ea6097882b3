#pragma once
// Messages and options through an agent, the way every step needs them: sends bounded by the
// case's deadline, receives that skip the harness's own probes, and checks that fail the case
// saying what differs.
#include <cstdint>
#include <optional>
#include <string>

#include "run/case_context.hpp"

namespace zconform {

// What a draft socket type carries beside the frames (PROTOCOL.md "Draft socket types"): the
// peer a SERVER or PEER message comes from or goes to, the group of a RADIO or DISH message.
struct MessageProperties {
  std::optional<uint32_t> routing_id;
  std::optional<std::string> group;
};

// A received message or the agent's refusal.
struct Received {
  Reply reply;
  Frames frames;
  MessageProperties properties;
  // Metadata asked for by name (recv `properties`): the reply's object, name -> value or null.
  // Null where the agent answered without it, or for a message read ahead (below).
  protocol::Json metadata;
  bool read_ahead = false;  // taken from the stash: read earlier, during a probe's wait
  bool ok() const { return reply.status == ReplyStatus::ok; }
};

// A scenario's option value with {var: name} replaced by the variable's value (an error ends the
// case when no earlier step set it).
protocol::Json resolved_option_value(const CaseContext& cx, const protocol::Json& value);
void set_option(CaseContext& cx, SocketSlot& s, const std::string& option,
                const protocol::Json& value,
                const std::optional<std::string>& error = std::nullopt);
// The value as the agent protocol carries it (binary options base64-encoded).
protocol::Json option_value(const std::string& option, const protocol::Json& value);

// timeout_ms -1: whatever the case has left.
Reply send_frames(CaseContext& cx, SocketSlot& s, const Frames& frames, bool dontwait = false,
                  int timeout_ms = -1, const MessageProperties& properties = {});
// The next message that is not a harness probe, from the stash first.
// `metadata`: names for zmq_msg_gets, asked of the agent with the message (META-01).
Received receive(CaseContext& cx, SocketSlot& s, int timeout_ms,
                 const std::vector<std::string>& metadata = {});
Received receive_raw(CaseContext& cx, SocketSlot& s, int timeout_ms, bool from_stash = true,
                     const std::vector<std::string>& metadata = {});
// A recv reply's frames; a malformed one ends the case (error).
Received parse_received(Reply reply);

// Receives on `s` (within timeout_ms, or whatever the case has left when it is -1) and checks.
Received expect_message(CaseContext& cx, SocketSlot& s, const FrameSpecs& expected, int n,
                        const std::string& what, int timeout_ms = -1,
                        const std::vector<std::string>& metadata = {});
// Fails the case, saying what differs, unless `got` matches `expected` (captures are kept).
void check_message(CaseContext& cx, const FrameSpecs& expected, const Frames& got, int n,
                   const std::string& wanted);

}  // namespace zconform
