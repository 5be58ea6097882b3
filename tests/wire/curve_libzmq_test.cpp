// The raw peer's CURVE codec against libzmq itself, in process over loopback tcp: our client
// completes a handshake with a libzmq CURVE server and messages cross both ways, and our server
// does the same with a libzmq CURVE client. If these pass, the raw peer's CURVE is libzmq's.
#include <gtest/gtest.h>
#include <zmq.h>

#include <string>

#include "zmtp/curve/client_handshake.hpp"
#include "zmtp/curve/server_handshake.hpp"
#include "zmtp/null_handshake.hpp"

using namespace zconform::zmtp;
using namespace zconform::zmtp::curve;
using std::chrono::milliseconds;

namespace {

Clock::time_point soon() { return Clock::now() + milliseconds(3000); }

struct CurveSocket {
  void* ctx = zmq_ctx_new();
  void* socket = zmq_socket(ctx, ZMQ_PAIR);
  std::string endpoint;
  CurveSocket() {
    int linger = 0;
    zmq_setsockopt(socket, ZMQ_LINGER, &linger, sizeof(linger));
    int timeout = 3000;
    zmq_setsockopt(socket, ZMQ_RCVTIMEO, &timeout, sizeof(timeout));
    zmq_setsockopt(socket, ZMQ_SNDTIMEO, &timeout, sizeof(timeout));
  }
  void as_server() {
    int on = 1;
    zmq_setsockopt(socket, ZMQ_CURVE_SERVER, &on, sizeof(on));
    zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, kTestServerSecret.data(), kKeyTextSize);
  }
  void as_client() {
    zmq_setsockopt(socket, ZMQ_CURVE_SERVERKEY, kTestServerPublic.data(), kKeyTextSize);
    zmq_setsockopt(socket, ZMQ_CURVE_PUBLICKEY, kTestClientPublic.data(), kKeyTextSize);
    zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, kTestClientSecret.data(), kKeyTextSize);
  }
  void bind() {
    ASSERT_EQ(zmq_bind(socket, "tcp://127.0.0.1:*"), 0);
    char buffer[256];
    size_t size = sizeof(buffer);
    zmq_getsockopt(socket, ZMQ_LAST_ENDPOINT, buffer, &size);
    endpoint = buffer;
  }
  std::string recv(bool* more = nullptr) {
    char buffer[512];
    const int n = zmq_recv(socket, buffer, sizeof(buffer), 0);
    if (more) {
      int m = 0;
      size_t size = sizeof(m);
      zmq_getsockopt(socket, ZMQ_RCVMORE, &m, &size);
      *more = m != 0;
    }
    return n < 0 ? "<" + std::string(zmq_strerror(zmq_errno())) + ">" : std::string(buffer, n);
  }
  ~CurveSocket() {
    zmq_close(socket);
    zmq_ctx_term(ctx);
  }
};

// The greeting staged as libzmq needs it (10 octets, the major, the rest), mechanism CURVE.
Greeting greet(RawStream& stream, bool as_server) {
  Greeting own;
  own.mechanism = "CURVE";
  own.as_server = as_server ? 1 : 0;
  const std::string ours = encode_greeting(own);
  std::string theirs;
  size_t at = 0;
  for (size_t part : {kGreetingPart1, kGreetingPart2, kGreetingPart3}) {
    EXPECT_EQ(stream.write_all(std::string_view(ours).substr(at, part), soon()),
              RawStream::Status::ok);
    EXPECT_EQ(stream.read_exact(theirs, part, soon()), RawStream::Status::ok);
    at += part;
  }
  return *decode_greeting(theirs);
}

struct Peer {
  explicit Peer(RawStream& s) : stream(s) {}
  RawStream& stream;
  FrameDecoder frames;
  WireTranscript transcript;
  void command(const std::string& body) {
    ASSERT_EQ(send_frame(stream, Frame{kCommand, body}, transcript, soon()), RawStream::Status::ok);
  }
  // libzmq sends MESSAGE (and, during the handshake, commands) as the next frame.
  DecodedFrame next() {
    DecodedFrame frame;
    std::string error;
    EXPECT_EQ(read_frame(stream, frames, frame, error, &transcript, soon()),
              FrameDecoder::Status::frame)
        << error;
    return frame;
  }
};

std::string type_metadata(const std::string& type) {
  return encode_properties({{"Socket-Type", type}});
}

}  // namespace

TEST(WireCurve, OurClientTalksWithALibzmqCurveServer) {
  CurveSocket server;
  server.as_server();
  server.bind();
  RawStream stream = RawStream::connect(server.endpoint, soon());
  const Greeting theirs = greet(stream, false);
  EXPECT_EQ(theirs.mechanism, "CURVE");
  Peer peer(stream);
  ClientHandshake client(test_client_keys(), test_server_keys().public_key);
  std::string error;
  peer.command(client.hello());
  DecodedFrame welcome = peer.next();
  EXPECT_TRUE(welcome.command);
  EXPECT_EQ(welcome.body.size(), kWelcomeSize);  // CURVE-01
  ASSERT_TRUE(client.take_welcome(welcome.body, error)) << error;
  peer.command(client.initiate(type_metadata("PAIR")));
  DecodedFrame ready = peer.next();
  EXPECT_GE(ready.body.size(), kReadyMinSize);
  auto props = client.take_ready(ready.body, error);
  ASSERT_TRUE(props) << error;
  EXPECT_EQ(find_property(*props, "Socket-Type")->value, "PAIR");

  Session session = client.session();
  // libzmq takes a MESSAGE in a frame without flags (as it sends them) and MORE from the box.
  ASSERT_EQ(
      send_frame(stream, Frame{0, session.seal(kMessageMore, "over")}, peer.transcript, soon()),
      RawStream::Status::ok);
  ASSERT_EQ(
      send_frame(stream, Frame{0, session.seal(0, std::string(300, 'c'))}, peer.transcript, soon()),
      RawStream::Status::ok);
  bool more = false;
  EXPECT_EQ(server.recv(&more), "over");
  EXPECT_TRUE(more);
  EXPECT_EQ(server.recv(&more), std::string(300, 'c'));
  EXPECT_FALSE(more);

  ASSERT_EQ(zmq_send(server.socket, "back", 4, ZMQ_SNDMORE), 4);
  ASSERT_EQ(zmq_send(server.socket, "again", 5, 0), 5);
  DecodedFrame first = peer.next();
  EXPECT_FALSE(first.command);  // libzmq 4.3.4: MESSAGE in a frame without flags
  auto opened = session.open(first.body, error);
  ASSERT_TRUE(opened) << error;
  EXPECT_EQ(opened->flags, kMessageMore);
  EXPECT_EQ(opened->payload, "back");
  opened = session.open(peer.next().body, error);
  ASSERT_TRUE(opened) << error;
  EXPECT_EQ(opened->flags, 0);
  EXPECT_EQ(opened->payload, "again");
}

TEST(WireCurve, OurServerTalksWithALibzmqCurveClient) {
  RawListener listener = RawListener::listen_tcp();
  CurveSocket client;
  client.as_client();
  ASSERT_EQ(zmq_connect(client.socket, listener.endpoint().c_str()), 0);
  auto accepted = listener.accept(soon());
  ASSERT_TRUE(accepted);
  RawStream& stream = *accepted;
  const Greeting theirs = greet(stream, true);
  EXPECT_EQ(theirs.mechanism, "CURVE");
  Peer peer(stream);
  ServerHandshake server(test_server_keys());
  std::string error;
  DecodedFrame hello = peer.next();
  EXPECT_EQ(hello.body.size(), kHelloSize);  // CURVE-01
  ASSERT_TRUE(server.take_hello(hello.body, error)) << error;
  peer.command(server.welcome());
  DecodedFrame initiate = peer.next();
  EXPECT_GE(initiate.body.size(), kInitiateMinSize);
  auto initiated = server.take_initiate(initiate.body, error);
  ASSERT_TRUE(initiated) << error;
  EXPECT_EQ(initiated->client_public, test_client_keys().public_key);
  peer.command(server.ready(type_metadata("PAIR")));

  Session session = server.session();
  ASSERT_EQ(zmq_send(client.socket, "from the client", 15, 0), 15);
  auto opened = session.open(peer.next().body, error);
  ASSERT_TRUE(opened) << error;
  EXPECT_EQ(opened->payload, "from the client");
  ASSERT_EQ(
      send_frame(stream, Frame{0, session.seal(0, "from the server")}, peer.transcript, soon()),
      RawStream::Status::ok);
  EXPECT_EQ(client.recv(), "from the server");
}

// The harness's own Z85 (harness/zmtp/curve/z85.cpp) agrees with libzmq's on fresh keys both ways.
TEST(WireCurve, OurZ85IsLibzmqs) {
  for (int i = 0; i < 20; ++i) {
    const Key key = generate_key_pair().public_key;
    char text[kKeyTextSize + 1];
    ASSERT_NE(zmq_z85_encode(text, reinterpret_cast<const uint8_t*>(key.data()), key.size()),
              nullptr);
    EXPECT_EQ(key_text(key), std::string(text));
    EXPECT_EQ(key_from_text(text), key);
  }
}
