// The fault relay against plain loopback streams: bytes pass intact both ways, and each fault does
// what the scenarios rely on (a reset both sides see, a black hole that holds and then releases
// everything intact, octets dripped a few at a time, end-of-stream on both sides).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fault/fault_relay.hpp"
#include "zmtp/raw_stream.hpp"

using namespace zconform;
using zmtp::RawListener;
using zmtp::RawStream;
using Status = RawStream::Status;

namespace {

auto in_ms(int ms) { return zmtp::Clock::now() + std::chrono::milliseconds(ms); }

NetworkFault fault(NetworkFault::Kind kind) {
  NetworkFault f;
  f.kind = kind;
  return f;
}

// An upstream listener, a relay in front of it, and one connection through it.
struct Line {
  RawListener upstream = RawListener::listen_tcp();
  FaultRelay relay{upstream.endpoint()};
  RawStream client = RawStream::connect(relay.endpoint(), in_ms(2000));
  std::optional<RawStream> server;

  void accept() {
    server = upstream.accept(in_ms(2000));
    ASSERT_TRUE(server);
  }
  std::string read_exact(RawStream& s, size_t n) {
    std::string got;
    EXPECT_EQ(s.read_exact(got, n, in_ms(2000)), Status::ok);
    return got;
  }
};

}  // namespace

TEST(FaultRelay, CarriesBytesBothWays) {
  Line line;
  line.accept();
  ASSERT_EQ(line.client.write_all("hello upstream", in_ms(1000)), Status::ok);
  EXPECT_EQ(line.read_exact(*line.server, 14), "hello upstream");
  ASSERT_EQ(line.server->write_all("hello client", in_ms(1000)), Status::ok);
  EXPECT_EQ(line.read_exact(line.client, 12), "hello client");
  auto stats = line.relay.stats();
  EXPECT_EQ(stats["accepted"], 1);
  EXPECT_EQ(stats["octets_to_upstream"], 14);
  EXPECT_EQ(stats["octets_to_connecting"], 12);
}

TEST(FaultRelay, CutResetsBothSides) {
  Line line;
  line.accept();
  line.relay.apply(fault(NetworkFault::Kind::cut));
  std::string got;
  EXPECT_EQ(line.client.read_some(got, 10, in_ms(2000)), Status::closed);
  EXPECT_EQ(line.server->read_some(got, 10, in_ms(2000)), Status::closed);
  EXPECT_TRUE(got.empty());
}

TEST(FaultRelay, HalfCloseEndsBothStreamsWithoutLosingWhatCameBefore) {
  Line line;
  line.accept();
  ASSERT_EQ(line.client.write_all("last words", in_ms(1000)), Status::ok);
  EXPECT_EQ(line.read_exact(*line.server, 10), "last words");
  line.relay.apply(fault(NetworkFault::Kind::half_close));
  std::string got;
  EXPECT_EQ(line.client.read_some(got, 10, in_ms(2000)), Status::closed);
  EXPECT_EQ(line.server->read_some(got, 10, in_ms(2000)), Status::closed);
}

TEST(FaultRelay, BlackHoleHoldsBytesAndNewConnectionsUntilRestored) {
  Line line;
  line.accept();
  line.relay.apply(fault(NetworkFault::Kind::black_hole));
  ASSERT_EQ(line.client.write_all("held", in_ms(1000)), Status::ok);
  // A new connection is accepted by the relay but gets no upstream while the hole lasts.
  RawStream second = RawStream::connect(line.relay.endpoint(), in_ms(2000));
  std::string got;
  EXPECT_EQ(line.server->read_some(got, 10, in_ms(100)),
            Status::timeout);  // bounded check of absence
  EXPECT_FALSE(line.upstream.accept(in_ms(100)));
  line.relay.apply(fault(NetworkFault::Kind::restore));
  EXPECT_EQ(line.read_exact(*line.server, 4), "held");
  EXPECT_TRUE(line.upstream.accept(in_ms(2000)));
  EXPECT_EQ(line.relay.stats()["accepted"], 2);
}

TEST(FaultRelay, DripPassesAFewOctetsAtATimeInOrder) {
  Line line;
  line.accept();
  NetworkFault drip = fault(NetworkFault::Kind::drip);
  drip.bytes = 7;
  drip.every_ms = 1;
  line.relay.apply(drip);
  std::string sent;
  for (int i = 0; i < 100; ++i) sent += static_cast<char>('a' + i % 26);
  ASSERT_EQ(line.client.write_all(sent, in_ms(1000)), Status::ok);
  std::string got;
  size_t largest = 0;
  while (got.size() < sent.size()) {
    std::string chunk;
    ASSERT_EQ(line.server->read_some(chunk, 1000, in_ms(2000)), Status::ok);
    largest = std::max(largest, chunk.size());
    got += chunk;
  }
  EXPECT_EQ(got, sent);
  // The kernel may merge two drips before the read; never more than a few.
  EXPECT_LT(largest, sent.size());
}

TEST(FaultRelay, DelayStillDeliversInOrder) {
  Line line;
  line.accept();
  NetworkFault delay = fault(NetworkFault::Kind::delay);
  delay.delay_ms = 20;
  line.relay.apply(delay);
  ASSERT_EQ(line.client.write_all("one", in_ms(1000)), Status::ok);
  ASSERT_EQ(line.client.write_all("two", in_ms(1000)), Status::ok);
  EXPECT_EQ(line.read_exact(*line.server, 6), "onetwo");
}

TEST(FaultRelay, AnUpstreamThatRefusesResetsTheConnectingSide) {
  // A port bound but not listening refuses connections, and stays ours for the whole test: a port
  // freed by closing a listener could be taken meanwhile by a test running in parallel.
  const int reserved = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(reserved, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(reserved, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(reserved, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string endpoint = "tcp://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  FaultRelay relay(endpoint);
  try {
    RawStream client = RawStream::connect(relay.endpoint(), in_ms(2000));
    std::string got;
    EXPECT_EQ(client.read_some(got, 10, in_ms(2000)), Status::closed);
  } catch (const zconform::zmtp::RawError& e) {
    // The relay accepts and resets at once: the reset can reach the client before its
    // non-blocking connect has seen the connection complete (1 run in many, under load).
    EXPECT_NE(std::string(e.what()).find("reset"), std::string::npos) << e.what();
  }
  ::close(reserved);
}

TEST(FaultRelay, RefusesAnUpstreamOffLoopback) {
  EXPECT_THROW(FaultRelay("tcp://192.0.2.1:5555"), std::runtime_error);
  EXPECT_THROW(FaultRelay("ipc://@abstract"), std::runtime_error);  // no file to relay by path
  EXPECT_THROW(FaultRelay("inproc://x"), std::runtime_error);
  EXPECT_THROW(FaultRelay("ws://192.0.2.1:5555/x"), std::runtime_error);
}

namespace {

// Accepts the relayed connection at `upstream` and proves `bytes` cross it from `client`.
std::optional<RawStream> carry(RawListener& upstream, RawStream& client, const std::string& bytes) {
  std::optional<RawStream> server = upstream.accept(in_ms(2000));
  EXPECT_TRUE(server);
  if (!server) return server;
  EXPECT_EQ(client.write_all(bytes, in_ms(1000)), Status::ok);
  std::string got;
  EXPECT_EQ(server->read_exact(got, bytes.size(), in_ms(2000)), Status::ok);
  EXPECT_EQ(got, bytes);
  return server;
}

std::string ipc_path(const std::string& name) {
  return "/tmp/zconform-relay-test-" + std::to_string(::getpid()) + "-" + name;
}

}  // namespace

TEST(FaultRelay, CarriesAndCutsIpcOnAPathBesideTheUpstreams) {
  const std::string path = ipc_path("carry");
  RawListener upstream = RawListener::listen_ipc(path);
  FaultRelay relay(upstream.endpoint());
  EXPECT_EQ(relay.endpoint(), "ipc://" + path + "-relay");
  RawStream client = RawStream::connect(relay.endpoint(), in_ms(2000));
  std::optional<RawStream> server = carry(upstream, client, "over ipc");
  ASSERT_TRUE(server);
  relay.apply(fault(NetworkFault::Kind::cut));
  std::string got;
  EXPECT_EQ(client.read_some(got, 10, in_ms(2000)), Status::closed);
  EXPECT_EQ(server->read_some(got, 10, in_ms(2000)), Status::closed);
}

TEST(FaultRelay, RemovesItsIpcPathWhenItEnds) {
  const std::string path = ipc_path("removed");
  RawListener upstream = RawListener::listen_ipc(path);
  { FaultRelay relay(upstream.endpoint()); }
  EXPECT_NE(::access((path + "-relay").c_str(), F_OK), 0);
}

TEST(FaultRelay, KeepsTheWsPathSoTheUpgradeAsksForTheBindersResource) {
  RawListener upstream = RawListener::listen_tcp();
  const std::string port = upstream.endpoint().substr(upstream.endpoint().rfind(':'));
  FaultRelay relay("ws://127.0.0.1" + port + "/zmq/path");
  const std::string& endpoint = relay.endpoint();
  ASSERT_EQ(endpoint.rfind("ws://127.0.0.1:", 0), 0u) << endpoint;
  const size_t slash = endpoint.find('/', 5);
  ASSERT_NE(slash, std::string::npos) << endpoint;
  EXPECT_EQ(endpoint.substr(slash), "/zmq/path");
  // The upgrade request and the frames after it are bytes to the relay.
  RawStream client = RawStream::connect("tcp://" + endpoint.substr(5, slash - 5), in_ms(2000));
  carry(upstream, client, "GET /zmq/path HTTP/1.1\r\n");
}
