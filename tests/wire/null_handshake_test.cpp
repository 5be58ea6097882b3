// The harness's ZMTP codec and raw peer against libzmq itself, in process: if these pass, what the
// raw peer sends is ZMTP as libzmq understands it, and what it reads is what libzmq sends.
#include <gtest/gtest.h>
#include <zmq.h>

#include <string>

#include "zmtp/null_handshake.hpp"

using namespace zconform::zmtp;
using std::chrono::milliseconds;

namespace {

Clock::time_point soon() { return Clock::now() + milliseconds(3000); }

struct LibzmqSocket {
  void* ctx = zmq_ctx_new();
  void* socket;
  std::string endpoint;
  explicit LibzmqSocket(int type) : socket(zmq_socket(ctx, type)) {
    int linger = 0;
    zmq_setsockopt(socket, ZMQ_LINGER, &linger, sizeof(linger));
    int timeout = 3000;
    zmq_setsockopt(socket, ZMQ_RCVTIMEO, &timeout, sizeof(timeout));
    zmq_setsockopt(socket, ZMQ_SNDTIMEO, &timeout, sizeof(timeout));
  }
  void bind() {
    EXPECT_EQ(zmq_bind(socket, "tcp://127.0.0.1:*"), 0);
    char buffer[256];
    size_t size = sizeof(buffer);
    zmq_getsockopt(socket, ZMQ_LAST_ENDPOINT, buffer, &size);
    endpoint = buffer;
  }
  ~LibzmqSocket() {
    zmq_close(socket);
    zmq_ctx_term(ctx);
  }
};

}  // namespace

TEST(WireNull, HandshakeWithLibzmqAndDeliverAMultipartMessage) {
  LibzmqSocket pull(ZMQ_PULL);
  pull.bind();
  RawStream stream = RawStream::connect(pull.endpoint, soon());
  HandshakeResult hs = null_handshake(stream, Greeting{}, {{"Socket-Type", "PUSH"}}, soon());
  ASSERT_TRUE(hs.ok) << hs.error;
  // libzmq 4.3.3+ announces ZMTP 3.1 with NULL, as-server 0 (GREET-01, GREET-09).
  EXPECT_EQ(hs.peer_greeting.major, 3);
  EXPECT_EQ(hs.peer_greeting.minor, 1);
  EXPECT_EQ(hs.peer_greeting.mechanism, "NULL");
  const Property* type = find_property(hs.peer_ready, "Socket-Type");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->value, "PULL");

  // The transcript holds both greetings in their three stages, then both READYs, in order.
  std::vector<std::string> lines = hs.transcript.lines();
  ASSERT_EQ(lines.size(), 9u) << ::testing::PrintToString(lines);
  EXPECT_EQ(lines[0], "> @0 ff00000000000000007f  greeting signature (10 octets)");
  EXPECT_EQ(lines[1].rfind("< @0 ff", 0), 0u);
  EXPECT_NE(lines[8].find("READY"), std::string::npos);
  EXPECT_NE(lines[8].find("PULL"), std::string::npos);
  EXPECT_EQ(hs.transcript.all_sent().size(),
            64u + encode_frame(ready({{"Socket-Type", "PUSH"}})).size());

  Frame first{kMore, "hello"};
  Frame second{0, std::string(300, 'x')};  // a long frame (FRAME-02)
  ASSERT_EQ(send_frame(stream, first, hs.transcript, soon()), RawStream::Status::ok);
  ASSERT_EQ(send_frame(stream, second, hs.transcript, soon()), RawStream::Status::ok);
  EXPECT_NE(hs.transcript.lines().back().find("LONG"), std::string::npos);
  char buffer[512];
  int n = zmq_recv(pull.socket, buffer, sizeof(buffer), 0);
  ASSERT_EQ(n, 5);
  EXPECT_EQ(std::string(buffer, 5), "hello");
  int more = 0;
  size_t size = sizeof(more);
  zmq_getsockopt(pull.socket, ZMQ_RCVMORE, &more, &size);
  EXPECT_EQ(more, 1);
  EXPECT_EQ(zmq_recv(pull.socket, buffer, sizeof(buffer), 0), 300);
}

TEST(WireNull, LibzmqFramesAreDecodedAsSentShortAndLong) {
  LibzmqSocket push(ZMQ_PUSH);
  push.bind();
  RawStream stream = RawStream::connect(push.endpoint, soon());
  HandshakeResult hs = null_handshake(stream, Greeting{}, {{"Socket-Type", "PULL"}}, soon());
  ASSERT_TRUE(hs.ok) << hs.error;
  std::string long_body(256, 'L');
  ASSERT_EQ(zmq_send(push.socket, "A", 1, ZMQ_SNDMORE), 1);
  ASSERT_EQ(zmq_send(push.socket, long_body.data(), long_body.size(), 0), 256);
  DecodedFrame frame;
  std::string error;
  ASSERT_EQ(read_frame(stream, hs.frames, frame, error, nullptr, soon()),
            FrameDecoder::Status::frame)
      << error;
  EXPECT_TRUE(frame.more);
  EXPECT_FALSE(frame.is_long);  // FRAME-03: 255 octets or fewer use a short size
  EXPECT_EQ(frame.body, "A");
  ASSERT_EQ(read_frame(stream, hs.frames, frame, error, nullptr, soon()),
            FrameDecoder::Status::frame)
      << error;
  EXPECT_FALSE(frame.more);
  EXPECT_TRUE(frame.is_long);
  EXPECT_EQ(frame.declared_size, 256u);
  EXPECT_EQ(frame.reserved_bits, 0);
}

TEST(WireNull, AMechanismMismatchEndsTheHandshake) {
  LibzmqSocket pull(ZMQ_PULL);
  pull.bind();
  RawStream stream = RawStream::connect(pull.endpoint, soon());
  Greeting plain;
  plain.mechanism = "PLAIN";
  HandshakeResult hs = null_handshake(stream, plain, {{"Socket-Type", "PUSH"}}, soon());
  EXPECT_FALSE(hs.ok);  // GREET-08: libzmq closes on a mechanism it does not speak
  EXPECT_FALSE(hs.error.empty());
}
