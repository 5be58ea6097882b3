// Fuzz target: one line from an agent, as the driver parses it. Agents are untrusted input (a
// buggy adapter may print anything), so parsing must never crash, and what it accepts must keep
// its meaning through a re-encoding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "protocol/base64.hpp"
#include "protocol/messages.hpp"

using namespace zconform::protocol;

namespace {

void check(bool invariant) {
  if (!invariant) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string line(reinterpret_cast<const char*>(data), size);

  // base64: decode -> encode is the identity on accepted text; encode -> decode on any bytes.
  if (auto bytes = base64_decode(line)) check(base64_encode(*bytes) == line);
  check(base64_decode(base64_encode(line)) == line);

  AgentLine parsed;
  try {
    parsed = parse_agent_line(line);
  } catch (const ProtocolError&) {
    return 0;
  }
  if (auto* reply = std::get_if<Reply>(&parsed)) {
    // Re-encoding an accepted reply gives a line that parses to the same reply.
    std::string again;
    switch (reply->status) {
      case ReplyStatus::ok: again = encode_ok(reply->id, reply->body); break;
      case ReplyStatus::error: again = encode_error(reply->id, reply->error, reply->message); break;
      case ReplyStatus::unsupported: again = encode_unsupported(reply->id, reply->reason); break;
    }
    auto reparsed = std::get<Reply>(parse_agent_line(again));
    check(reparsed.id == reply->id && reparsed.status == reply->status &&
          reparsed.error == reply->error);
    if (reply->body.contains("frames")) {
      try {
        Frames frames = frames_from_json(reply->body["frames"], "frames");
        check(frames_to_json(frames) == reply->body["frames"]);
      } catch (const ProtocolError&) {
      }
    }
  }
  return 0;
}
