// Fuzz target: libzmq's whole engine, in-process, through a real (ipc) connection to a libzmq
// socket: greeting, NULL, PLAIN or CURVE handshake, ZAP, ZMTP 3.1/3.0/2.0/1.0 decoders, session
// and pipes. The input is structure-aware (common/zmtp_script.hpp): a valid greeting and handshake
// are built for it and played as a peer plays them, waiting for libzmq's commands
// (common/conversation.hpp; CURVE's completed live), the ZAP handler's answer is read from it, and
// its records are frames whose declared sizes are mutated apart from their bodies, so the fuzzer
// spends its time behind the handshake, where libzmq's memory bugs have been. The oracle, beyond
// ASan and UBSan: libzmq delivers whole messages only (live_sockets.cpp) and, for the types that
// deliver every message (PULL, PAIR, DEALER, ROUTER, SUB subscribed to all), exactly the first
// messages a conforming receiver reads from the stream, in order; nothing at all from a peer its
// ZAP handler did not admit, and the user id the handler gave on every message from one it did (RFC
// 27); it closes the connection once the peer has finished sending.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "common/byte_reader.hpp"
#include "common/delivery_oracle.hpp"
#include "common/zmtp_script.hpp"
#include "libzmq/curve_peer.hpp"
#include "libzmq/live_sockets.hpp"

using namespace zconform::fuzz;

namespace {

[[noreturn]] void finding(const SocketKind& kind, const std::string& what) {
  std::fprintf(stderr, "libzmq_engine: %s %s\n", kind.name, what.c_str());
  std::abort();
}

// What RFC 27 asks of a server whose ZAP handler answered: nothing delivered from a peer it did
// not admit; each message from one it did carries the user id it gave.
void check_zap_outcome(const SocketKind& kind, const ZmtpScript& script, const Exchange& exchange) {
  // XPUB delivers subscriptions it makes itself, with no metadata, and unsubscriptions when an
  // earlier input's peer is torn down; REP and PUB deliver no messages as they came either.
  if (!delivers_every_message(kind)) return;
  const ZapAnswer& zap = script.zap;
  if (zap.verdict() == ZapAnswer::Verdict::either) return;
  if (!zap.admits()) {
    if (!exchange.delivered.empty())
      finding(kind, "delivered " + std::to_string(exchange.delivered.size()) +
                        " messages from a peer the ZAP handler refused (status " + zap.status_code +
                        ")");
    return;
  }
  // zmq_msg_gets hands the property over as a C string.
  const std::string expected = zap.user_id.substr(0, zap.user_id.find('\0'));
  for (const std::string& user_id : exchange.user_ids)
    if (user_id != expected)
      finding(kind, "a message's User-Id is \"" + user_id + "\", the ZAP handler gave \"" +
                        expected + "\"");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ByteReader in(data, size);
  const ZmtpScript script = build_zmtp_script(in);
  const SocketKind& kind = socket_kinds()[script.socket_index];
  const auto conversation =
      script.curve_session ? curve_conversation(script) : conversation_of(script);
  const Exchange exchange = play_connection(script.socket_index, *conversation, script.zap);
  if (kind.mechanism != Mechanism::null) check_zap_outcome(kind, script, exchange);
  if (!delivers_every_message(kind) || !script.checkable) return 0;
  if (kind.mechanism != Mechanism::null && !script.zap.admits()) return 0;  // checked above

  const std::string mismatch = first_messages_mismatch(kind, script, exchange.delivered);
  if (!mismatch.empty()) finding(kind, mismatch);
  return 0;
}
