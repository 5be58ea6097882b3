// Fuzz target for comparison with libzmq_engine: the approach of libzmq's own wire fuzzers
// (tests/test_bind_fuzzer.cpp and friends): the input's bytes as they are, written to a libzmq
// socket over a real connection, no greeting or handshake built for them. The first byte picks
// the socket (the same ones as libzmq_engine's), so both targets reach the same code; only the
// input format differs, and that the bytes are written at once, not in a peer's steps.
// scripts/bench measures the two side by side.
#include <cstdint>
#include <string>

#include "common/byte_reader.hpp"
#include "libzmq/live_sockets.hpp"

using namespace zconform::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  ByteReader in(data, size);
  const size_t index = in.u8() % socket_kinds().size();
  FixedConversation all_at_once({std::string(in.rest())});
  (void)play_connection(index, all_at_once);
  return 0;
}
