// Fuzz target: any registered implementation, black-box, through its agent (agent/agent_peer.hpp).
// The input is the engine target's structure-aware format (common/zmtp_script.hpp): a valid
// greeting and handshake, then mutated frames, over tcp loopback. The oracle:
// - the agent stays alive and answers every request (else the process aborts with the reason);
// - the implementation closes the connection once the peer has finished sending (a greeting is
//   not required: libzmq that reads the whole input and its end at once closes before writing);
// - what the application receives is whole messages, and for the types that deliver every
//   message, exactly the first messages a conforming receiver reads from the stream.
// No coverage comes from the implementation (another process): libFuzzer is guided by this side
// only, so the structure of the input does the work.
//   ZCONFORM_FUZZ_IMPL=jeromq build-fuzz/fuzz/wire_agent_fuzzer corpus-dir   (default libzmq)
// Differential mode, ZCONFORM_FUZZ_DIFF=<second implementation>: each input goes to both, and the
// inputs on which they disagree (one delivers other messages, one leaves the connection open) are
// appended to ZCONFORM_FUZZ_DISAGREEMENTS (default ./disagreements.jsonl), once per kind of
// disagreement; with ZCONFORM_FUZZ_DIFF_ABORT=1 the first one also ends the run, as a crash does.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "agent/agent_peer.hpp"
#include "common/byte_reader.hpp"
#include "common/delivery_oracle.hpp"
#include "common/zmtp_script.hpp"
#include "protocol/base64.hpp"

using namespace zconform::fuzz;

namespace {

const char* env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

[[noreturn]] void finding(const std::string& what) {
  std::fprintf(stderr, "wire_agent: %s\n", what.c_str());
  std::abort();
}

// The oracle on one implementation's exchange; "" when it holds.
std::string check(const AgentPeer& peer, const SocketKind& kind, const ZmtpScript& script,
                  const AgentExchange& exchange) {
  const std::string who =
      peer.name() + " (" + kind.name + ", ZMTP " + std::to_string(script.version) + ")";
  if (!script.checkable) return "";  // a handshake from the input may end anywhere
  if (!exchange.closed_by_peer && exchange.handshake_unanswered)
    return who + " neither answered the handshake nor closed the connection in 10 s";
  if (!exchange.closed_by_peer)
    return who + " kept the connection open 10 s after the peer finished";
  if (!delivers_every_message(kind)) return "";
  const std::string mismatch = first_messages_mismatch(kind, script, exchange.delivered);
  return mismatch.empty() ? "" : who + " " + mismatch;
}

void record_disagreement(const std::string& signature, const std::string& detail,
                         const uint8_t* data, size_t size) {
  static std::set<std::string> seen;
  if (!seen.insert(signature).second) return;
  std::ofstream out(env_or("ZCONFORM_FUZZ_DISAGREEMENTS", "disagreements.jsonl"), std::ios::app);
  const std::string input = zconform::protocol::base64_encode(
      std::string_view(reinterpret_cast<const char*>(data), size));
  out << "{\"signature\": \"" << signature << "\", \"detail\": \"" << detail
      << "\", \"input_base64\": \"" << input << "\"}\n";
  std::fprintf(stderr, "wire_agent: disagreement %s: %s\n", signature.c_str(), detail.c_str());
  if (std::string_view(env_or("ZCONFORM_FUZZ_DIFF_ABORT", "")) == "1") std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static AgentPeer first(env_or("ZCONFORM_FUZZ_IMPL", "libzmq"));
  static std::unique_ptr<AgentPeer> second =
      std::getenv("ZCONFORM_FUZZ_DIFF")
          ? std::make_unique<AgentPeer>(std::getenv("ZCONFORM_FUZZ_DIFF"))
          : nullptr;

  ByteReader in(data, size);
  const ZmtpScript script = build_zmtp_script(in);
  const SocketKind& kind = socket_kinds()[script.socket_index];
  const auto a = first.play(kind, *conversation_of(script));
  if (a) {
    const std::string broken = check(first, kind, script, *a);
    if (!broken.empty() && !second) finding(broken);
  }
  if (!second) return 0;
  const auto b = second->play(kind, *conversation_of(script));
  if (!a || !b) return 0;  // one of them has no such socket
  const std::string where = std::string(kind.name) + "/ZMTP " + std::to_string(script.version);
  if (a->closed_by_peer != b->closed_by_peer)
    record_disagreement(where + ": closed by one only",
                        first.name() + (a->closed_by_peer ? " closed" : " kept it open") + ", " +
                            second->name() + (b->closed_by_peer ? " closed" : " kept it open"),
                        data, size);
  if (a->delivered != b->delivered)
    record_disagreement(where + ": delivered differently",
                        first.name() + " delivered " + std::to_string(a->delivered.size()) +
                            " messages, " + second->name() + " " +
                            std::to_string(b->delivered.size()),
                        data, size);
  return 0;
}
