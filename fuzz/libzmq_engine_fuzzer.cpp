// Fuzz target: libzmq's whole engine, in-process, through a real (ipc) connection to a libzmq
// socket: greeting, NULL or PLAIN handshake, ZMTP 3.1/3.0/2.0/1.0 decoders, session and pipes.
// The input is structure-aware (libzmq/zmtp_script.hpp): a valid greeting and handshake are built
// for it, and its records are frames whose declared sizes are mutated apart from their bodies, so
// the fuzzer spends its time behind the handshake, where libzmq's memory bugs have been.
// The oracle, beyond ASan and UBSan: libzmq delivers whole messages only (live_sockets.cpp) and,
// for the types that deliver every message (PULL, PAIR, DEALER, ROUTER, SUB subscribed to all),
// exactly the first messages a conforming receiver reads from the stream, in order; it closes the
// connection once the peer has finished sending.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "common/byte_reader.hpp"
#include "common/delivery_oracle.hpp"
#include "common/zmtp_script.hpp"
#include "libzmq/live_sockets.hpp"

using namespace zconform::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ByteReader in(data, size);
  const ZmtpScript script = build_zmtp_script(in);
  const SocketKind& kind = socket_kinds()[script.socket_index];
  const Exchange exchange = play_connection(script.socket_index, script.handshake + script.frames);
  if (!delivers_every_message(kind) || !script.checkable) return 0;

  const std::string mismatch = first_messages_mismatch(kind, script, exchange.delivered);
  if (!mismatch.empty()) {
    std::fprintf(stderr, "libzmq_engine: %s %s\n", kind.name, mismatch.c_str());
    std::abort();
  }
  return 0;
}
