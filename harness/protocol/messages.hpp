#pragma once
// The agent protocol's messages (see harness/agents/PROTOCOL.md), encoded and decoded in one place
// so the driver and the C++ agent cannot drift apart. Decoding never trusts its input: every
// malformed line becomes a ProtocolError whose text quotes the offending line or field.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace zconform::protocol {

using Json = nlohmann::json;
using Frames = std::vector<std::string>;  // one binary-safe string per frame

constexpr int kProtocolVersion = 2;
// Version 2 only adds (draft message properties, join/leave): a version 1 agent still works.
constexpr int kOldestProtocolVersion = 1;

class ProtocolError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A line shortened for error messages: agents that print garbage may print megabytes of it.
std::string quote_line(std::string_view line, size_t max_chars = 200);

Json frames_to_json(const Frames& frames);
// `field` names the JSON field in the error message.
Frames frames_from_json(const Json& value, std::string_view field);

struct Request {
  uint64_t id = 0;
  std::string op;
  Json args;  // the whole request object; id and op included
};
std::string encode_request(uint64_t id, std::string_view op, Json args);
Request parse_request(std::string_view line);

enum class ReplyStatus { ok, error, unsupported };

struct Reply {
  uint64_t id = 0;
  ReplyStatus status = ReplyStatus::ok;
  std::string error;    // errno name, when status == error
  std::string message;  // free text, when status == error
  std::string reason;   // when status == unsupported
  Json body;            // the whole reply object, for result fields
};

struct Event {
  std::string kind;  // "monitor", ...
  Json body;
};

using AgentLine = std::variant<Reply, Event>;
AgentLine parse_agent_line(std::string_view line);

std::string encode_ok(uint64_t id, Json result = Json::object());
std::string encode_error(uint64_t id, std::string_view errno_name, std::string_view message);
std::string encode_unsupported(uint64_t id, std::string_view reason);
std::string encode_event(std::string_view kind, Json fields);

}  // namespace zconform::protocol
