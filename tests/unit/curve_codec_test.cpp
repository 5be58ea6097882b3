// The raw peer's CURVE codec (harness/zmtp/curve/): our client against our server, a MESSAGE round
// trip, and each named misbehaviour doing what its name says (and being refused by a strict peer).
#include <gtest/gtest.h>

#include "zmtp/curve/client_handshake.hpp"
#include "zmtp/curve/commands.hpp"
#include "zmtp/curve/describe_curve.hpp"
#include "zmtp/curve/nonces.hpp"
#include "zmtp/curve/server_handshake.hpp"
#include "zmtp/curve/z85.hpp"
#include "zmtp/network_order.hpp"

using namespace zconform::zmtp;
using namespace zconform::zmtp::curve;

namespace {

std::string metadata(const std::string& type) { return encode_properties({{"Socket-Type", type}}); }

// A handshake between our codecs, as far as the faults let it go.
struct Pair {
  ClientHandshake client;
  ServerHandshake server;
  std::string error;
  explicit Pair(ClientFaults cf = {}, ServerFaults sf = {})
      : client(test_client_keys(), test_server_keys().public_key, cf),
        server(test_server_keys(), sf) {}

  bool hello() { return server.take_hello(client.hello(), error); }
  bool welcome() { return client.take_welcome(server.welcome(), error); }
  std::optional<Initiated> initiate(const std::string& meta = metadata("PUSH")) {
    return server.take_initiate(client.initiate(meta), error);
  }
  std::optional<std::vector<Property>> ready(const std::string& meta = metadata("PULL")) {
    return client.take_ready(server.ready(meta), error);
  }
  void complete() {
    ASSERT_TRUE(hello()) << error;
    ASSERT_TRUE(welcome()) << error;
    ASSERT_TRUE(initiate()) << error;
    ASSERT_TRUE(ready()) << error;
  }
};

uint64_t nonce_of(const std::string& message_body) {
  return detail::read_be(message_body, 8, kShortNonceSize);
}

}  // namespace

TEST(CurveKeys, TheTestKeysAreZ85OfPairsThatBelongTogether) {
  const KeyPair server = test_server_keys();
  EXPECT_EQ(server.public_key.size(), kKeySize);
  EXPECT_EQ(public_key_of(server.secret_key), server.public_key);
  EXPECT_EQ(public_key_of(test_client_keys().secret_key), test_client_keys().public_key);
  EXPECT_EQ(key_text(server.public_key), kTestServerPublic);
  // RFC 32's example.
  EXPECT_EQ(z85_encode(std::string("\x86\x4F\xD2\x6F\xB5\x59\xF7\x5B", 8)), "HelloWorld");
  EXPECT_FALSE(
      z85_decode("Hello"
                 "Worl~"));
  EXPECT_FALSE(z85_encode("abc"));
  EXPECT_FALSE(key_from_text("too short"));
}

TEST(CurveCodec, OurClientAndOurServerCompleteTheHandshake) {
  Pair p;
  const std::string hello = p.client.hello();
  EXPECT_EQ(hello.size(), kHelloSize);  // CURVE-01
  ASSERT_TRUE(p.server.take_hello(hello, p.error)) << p.error;
  const std::string welcome = p.server.welcome();
  EXPECT_EQ(welcome.size(), kWelcomeSize);
  ASSERT_TRUE(p.client.take_welcome(welcome, p.error)) << p.error;
  const std::string initiate = p.client.initiate(metadata("PUSH"));
  EXPECT_EQ(initiate.size(), kInitiateMinSize + metadata("PUSH").size());
  auto initiated = p.server.take_initiate(initiate, p.error);
  ASSERT_TRUE(initiated) << p.error;
  EXPECT_EQ(initiated->client_public, test_client_keys().public_key);
  ASSERT_EQ(initiated->properties.size(), 1u);
  EXPECT_EQ(initiated->properties[0].value, "PUSH");
  const std::string ready = p.server.ready("");
  EXPECT_EQ(ready.size(), kReadyMinSize);  // an empty box: the smallest READY
  auto props = p.client.take_ready(ready, p.error);
  ASSERT_TRUE(props) << p.error;
  EXPECT_TRUE(props->empty());
}

TEST(CurveCodec, MessagesRoundTripBothWaysWithTheirFlags) {
  Pair p;
  p.complete();
  Session client = p.client.session();
  Session server = p.server.session();
  const std::string first = client.seal(kMessageMore, "part one");
  EXPECT_EQ(first.size(), kMessageMinSize + std::string("part one").size());
  auto opened = server.open(first, p.error);
  ASSERT_TRUE(opened) << p.error;
  EXPECT_EQ(opened->flags, kMessageMore);
  EXPECT_EQ(opened->payload, "part one");
  opened = server.open(client.seal(0, ""), p.error);  // an empty frame: the smallest MESSAGE
  ASSERT_TRUE(opened) << p.error;
  EXPECT_EQ(opened->payload, "");
  auto back = client.open(server.seal(kMessageCommand, "\x04PING\x00\x00"), p.error);
  ASSERT_TRUE(back) << p.error;
  EXPECT_EQ(back->flags, kMessageCommand);
  // A MESSAGE cannot be reflected to its sender: the prefixes differ by direction.
  EXPECT_FALSE(client.open(client.seal(0, "echo"), p.error));
}

TEST(CurveCodec, HelloMisbehavioursAreRefusedByAStrictServer) {
  {
    Pair p({.wrong_server_key = true});
    EXPECT_FALSE(p.hello());
    EXPECT_NE(p.error.find("signature box"), std::string::npos) << p.error;
  }
  {
    Pair p({.bad_hello_box = true});
    EXPECT_FALSE(p.hello());
  }
  {
    Pair p({.hello_size_change = -1});
    EXPECT_EQ(p.client.hello().size(), kHelloSize - 1);
  }
  {
    Pair p({.hello_size_change = 1});
    const std::string hello = p.client.hello();
    EXPECT_EQ(hello.size(), kHelloSize + 1);
    EXPECT_FALSE(p.server.take_hello(hello, p.error));
    EXPECT_NE(p.error.find("CURVE-01"), std::string::npos) << p.error;
  }
  {
    Pair p({.hello_version = true});
    const std::string hello = p.client.hello();
    EXPECT_EQ(hello[6], '\x02');
    EXPECT_FALSE(p.server.take_hello(hello, p.error));
    EXPECT_NE(p.error.find("version 2.0"), std::string::npos) << p.error;
  }
  {
    Pair p({.hello_padding = true});
    const std::string hello = p.client.hello();
    EXPECT_NE(hello.substr(8, 72), std::string(72, '\0'));
    EXPECT_FALSE(p.server.take_hello(hello, p.error));
  }
}

TEST(CurveCodec, InitiateMisbehavioursDoWhatTheySayAndAreRefused) {
  for (auto mode : {InitiateNonce::reused, InitiateNonce::decreasing}) {
    Pair p({.initiate_nonce = mode});
    ASSERT_TRUE(p.hello()) << p.error;
    ASSERT_TRUE(p.welcome()) << p.error;
    const std::string initiate = p.client.initiate(metadata("PUSH"));
    const uint64_t sent = detail::read_be(initiate, 9 + kCookieSize, kShortNonceSize);
    if (mode == InitiateNonce::reused) {
      EXPECT_EQ(sent, p.client.hello_nonce());
    } else {
      EXPECT_LT(sent, p.client.hello_nonce());
    }
    EXPECT_FALSE(p.server.take_initiate(initiate, p.error));
    EXPECT_NE(p.error.find("CURVE-02"), std::string::npos) << p.error;
  }
  {
    Pair p({.initiate_short = true});
    ASSERT_TRUE(p.hello() && p.welcome()) << p.error;
    const std::string initiate = p.client.initiate(metadata("PUSH"));
    EXPECT_EQ(initiate.size(), kInitiateMinSize - 1);
    EXPECT_FALSE(p.server.take_initiate(initiate, p.error));
    EXPECT_NE(p.error.find("CURVE-01"), std::string::npos) << p.error;
  }
  {
    Pair p({.bad_cookie = true});
    ASSERT_TRUE(p.hello() && p.welcome()) << p.error;
    EXPECT_FALSE(p.initiate());
    EXPECT_NE(p.error.find("cookie"), std::string::npos) << p.error;
  }
  {
    Pair p({.bad_vouch = true});
    ASSERT_TRUE(p.hello() && p.welcome()) << p.error;
    EXPECT_FALSE(p.initiate());
    EXPECT_NE(p.error.find("vouch"), std::string::npos) << p.error;
  }
  {
    Pair p;  // 64 KiB of metadata is legal and goes through whole
    ASSERT_TRUE(p.hello() && p.welcome()) << p.error;
    auto initiated = p.initiate(encode_properties({{"X-Huge", std::string(65536, 'h')}}));
    ASSERT_TRUE(initiated) << p.error;
    EXPECT_EQ(initiated->properties.at(0).value.size(), 65536u);
  }
}

TEST(CurveCodec, ServerMisbehavioursAreRefusedByAStrictClient) {
  {
    Pair p({}, {.wrong_server_key = true});
    ASSERT_TRUE(p.hello()) << p.error;
    EXPECT_FALSE(p.welcome());
  }
  {
    Pair p({}, {.bad_welcome_box = true});
    ASSERT_TRUE(p.hello()) << p.error;
    EXPECT_FALSE(p.welcome());
  }
  for (int change : {-1, 1}) {
    Pair p({}, {.welcome_size_change = change});
    ASSERT_TRUE(p.hello()) << p.error;
    const std::string welcome = p.server.welcome();
    EXPECT_EQ(welcome.size(), kWelcomeSize + change);
    EXPECT_FALSE(p.client.take_welcome(welcome, p.error));
  }
  {
    Pair p({}, {.bad_ready_box = true});
    ASSERT_TRUE(p.hello() && p.welcome() && p.initiate()) << p.error;
    EXPECT_FALSE(p.ready());
  }
  {
    Pair p({}, {.ready_size_change = -1});
    ASSERT_TRUE(p.hello() && p.welcome() && p.initiate()) << p.error;
    const std::string ready = p.server.ready("");
    EXPECT_EQ(ready.size(), kReadyMinSize - 1);
    EXPECT_FALSE(p.client.take_ready(ready, p.error));
    EXPECT_NE(p.error.find("CURVE-01"), std::string::npos) << p.error;
  }
}

TEST(CurveCodec, NonceMisbehavioursRepeatOrLowerTheNonceAndAStrictPeerRefusesThem) {
  for (auto fault : {NonceFault::reused, NonceFault::decreasing}) {
    Pair p;
    p.complete();
    Session client = p.client.session();
    client.nonce_fault = fault;
    Session strict = p.server.session();
    Session lax = p.server.session();
    lax.check_peer_nonces = false;
    const std::string first = client.seal(0, "first");
    const std::string second = client.seal(0, "second");
    if (fault == NonceFault::reused) {
      EXPECT_EQ(nonce_of(second), nonce_of(first));
    } else {
      EXPECT_EQ(nonce_of(first), kDecreasingStart);
      EXPECT_EQ(nonce_of(second), kDecreasingStart - 1);
    }
    ASSERT_TRUE(strict.open(first, p.error)) << p.error;
    EXPECT_FALSE(strict.open(second, p.error));
    EXPECT_NE(p.error.find("CURVE-02"), std::string::npos) << p.error;
    // The lax double that stands for a broken implementation takes both.
    ASSERT_TRUE(lax.open(first, p.error)) << p.error;
    auto taken = lax.open(second, p.error);
    ASSERT_TRUE(taken) << p.error;
    EXPECT_EQ(taken->payload, "second");
  }
}

TEST(CurveCodec, ReservedFlagsAreSealedAsAsked) {
  Pair p;
  p.complete();
  Session client = p.client.session();
  client.extra_flags = 0x80;
  Session server = p.server.session();
  auto opened = server.open(client.seal(kMessageMore, "x"), p.error);
  ASSERT_TRUE(opened) << p.error;
  EXPECT_EQ(opened->flags, 0x81);
}

TEST(CurveCodec, ShortOrForeignCommandsAreRefusedWithTheirSize) {
  std::string error;
  EXPECT_FALSE(parse_message(std::string("\x07MESSAGE", 8) + std::string(24, 'x'), error));
  EXPECT_NE(error.find("32 octets, not at least 33"), std::string::npos) << error;
  EXPECT_FALSE(parse_welcome(std::string("\x05READY", 6) + std::string(162, 'x'), error));
  EXPECT_NE(error.find("expected WELCOME, got READY"), std::string::npos) << error;
  EXPECT_EQ(command_name(std::string("\x08INITIATE...", 12)), "INITIATE");
}

TEST(CurveCodec, HandshakeCommandsAreDescribedByTheirOwnLayout) {
  Pair p;
  const std::string hello = p.client.hello();
  EXPECT_EQ(describe_curve_command(hello)->rfind("COMMAND CURVE HELLO version 1.0 nonce 1 C'=", 0),
            0u)
      << *describe_curve_command(hello);
  ClientHandshake padded(test_client_keys(), test_server_keys().public_key,
                         {.hello_padding = true});
  EXPECT_NE(describe_curve_command(padded.hello())->find("padding NOT ZERO"), std::string::npos);
  EXPECT_NE(describe_curve_command(hello.substr(0, 150))->find("<malformed: HELLO of 150 octets"),
            std::string::npos);
  EXPECT_FALSE(describe_curve_command(std::string("\x04PING\x00\x00", 7)));
}

TEST(CurveCodec, ShortAndAlteredMessagesAfterTheFirstAreRefused) {
  for (bool cut : {true, false}) {
    Pair p;
    p.complete();
    Session client = p.client.session();
    client.short_messages = cut;
    client.altered_boxes = !cut;
    Session server = p.server.session();
    ASSERT_TRUE(server.open(client.seal(0, "first"), p.error)) << p.error;
    const std::string second = client.seal(0, "second");
    if (cut) EXPECT_EQ(second.size(), kMessageMinSize - 1);
    EXPECT_FALSE(server.open(second, p.error));
    EXPECT_NE(p.error.find(cut ? "CURVE-01" : "does not open"), std::string::npos) << p.error;
  }
}
