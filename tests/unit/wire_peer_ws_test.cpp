// The raw peer over ws (run/wire_peer_ws.cpp) against a scripted fake implementation: the upgrade
// on both sides, the subprotocol choice, masking by role, and peers that break ZWS or RFC 6455.
#include <gtest/gtest.h>

#include <functional>
#include <thread>

#include "run/wire_peer.hpp"
#include "zmtp/command.hpp"
#include "zmtp/ws_upgrade.hpp"
#include "zmtp/zws_frame.hpp"

using namespace zconform;
using std::chrono::milliseconds;

namespace {

Clock::time_point soon(int ms = 2000) { return Clock::now() + milliseconds(ms); }

std::string read_head(zmtp::RawStream& stream) {
  std::string head;
  while (zmtp::http_head_end(head) == std::string::npos) {
    if (stream.read_some(head, 4096, soon()) != zmtp::RawStream::Status::ok) break;
  }
  return head;
}

// The raw peer is the client; the fake implementation is a ws server the test writes for.
struct ClientBench {
  zmtp::RawListener listener = zmtp::RawListener::listen_tcp();
  WirePeer peer{"ws", "PUSH", ""};
  std::optional<zmtp::RawStream> fake;
  ClientBench() {
    peer.connect("ws://" + listener.endpoint().substr(6) + "/zmq", soon());
    fake = listener.accept(soon());
  }
  // The raw peer sends its request only in greet(), so the fake answers on a thread of its own:
  // it reads the request and writes `answer(request)`. request() waits for that to be done.
  std::thread answering;
  std::optional<zmtp::WsUpgradeRequest> seen;
  void answer_upgrade(std::function<std::string(const zmtp::WsUpgradeRequest&)> answer) {
    answering = std::thread([this, answer] {
      std::string error;
      seen = zmtp::parse_ws_upgrade_request(read_head(*fake), error);
      if (seen) fake->write_all(answer(*seen), soon());
    });
  }
  const std::optional<zmtp::WsUpgradeRequest>& request() {
    if (answering.joinable()) answering.join();
    return seen;
  }
  ~ClientBench() { request(); }
};

// The raw peer is the server; the fake implementation connects to it.
struct ServerBench {
  WirePeer peer{"ws", "PULL", ""};
  std::optional<zmtp::RawStream> fake;
  std::string endpoint = peer.listen();
  void fake_connects_offering(const std::string& protocols) {
    fake.emplace(
        zmtp::RawStream::connect("tcp://" + endpoint.substr(5, endpoint.rfind('/') - 5), soon()));
    ASSERT_TRUE(peer.accept(soon()));
    const std::string request =
        "GET /zconform-raw HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: "
        "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: " +
        protocols + "\r\n\r\n";
    ASSERT_EQ(fake->write_all(request, soon()), zmtp::RawStream::Status::ok);
  }
};

}  // namespace

TEST(WirePeerWs, TheClientUpgradesToZwsNullAndMasksWhatItSends) {
  ClientBench b;
  const std::string ready = zmtp::encode_zws_frame(zmtp::ready({{"Socket-Type", "PULL"}}), {});
  b.answer_upgrade([&](const zmtp::WsUpgradeRequest& r) {
    // Frames may follow the 101 in the same write: they must not be lost with the head.
    return zmtp::ws_upgrade_response(r.key, "ZWS2.0/NULL") + ready;
  });
  const auto& greeted = b.peer.greet({}, soon());
  const auto& request = b.request();
  ASSERT_TRUE(request);
  EXPECT_EQ(request->target, "/zmq");
  EXPECT_EQ(request->protocols, std::vector<std::string>{"ZWS2.0/NULL"});
  EXPECT_EQ(request->key.size(), 24u);  // 16 octets in base64 (RFC 6455 4.1)

  EXPECT_TRUE(b.peer.greeting_done()) << greeted.stopped;
  EXPECT_FALSE(b.peer.zws_no_mechanism());
  zmtp::DecodedFrame frame;
  std::string why;
  ASSERT_EQ(b.peer.read(frame, why, soon()), WirePeer::Read::frame) << why;
  EXPECT_TRUE(frame.command);
  EXPECT_TRUE(b.peer.peer_ready_seen());

  ASSERT_TRUE(b.peer.write({zmtp::kMore, "hello"}, -1, soon()));
  std::string octets;
  ASSERT_EQ(b.fake->read_exact(octets, 2 + 4 + 6, soon()), zmtp::RawStream::Status::ok);
  zmtp::WsFrameDecoder decoder;
  decoder.feed(octets);
  zmtp::WsFrame sent;
  ASSERT_EQ(decoder.next(sent, why), zmtp::WsFrameDecoder::Status::frame) << why;
  EXPECT_TRUE(sent.masked);
  EXPECT_EQ(sent.payload, std::string("\x01", 1) + "hello");
}

TEST(WirePeerWs, AServerRefusingNullIsNoNullNotAFailure) {
  ClientBench b;
  b.answer_upgrade([](const zmtp::WsUpgradeRequest&) {
    return std::string("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
  });
  const auto& greeted = b.peer.greet({}, soon());
  EXPECT_FALSE(b.peer.greeting_done());
  EXPECT_NE(greeted.no_zws_null.find("400"), std::string::npos) << greeted.no_zws_null;
}

TEST(WirePeerWs, AWrongAcceptValueStopsTheUpgrade) {
  ClientBench b;
  b.answer_upgrade([](const zmtp::WsUpgradeRequest&) {
    return zmtp::ws_upgrade_response("b3RoZXIga2V5IDEyMzQ1Ng==", "ZWS2.0/NULL");
  });
  const auto& greeted = b.peer.greet({}, soon());
  EXPECT_FALSE(b.peer.greeting_done());
  EXPECT_NE(greeted.stopped.find("Sec-WebSocket-Accept"), std::string::npos) << greeted.stopped;
  EXPECT_EQ(greeted.no_zws_null, "");
}

TEST(WirePeerWs, AMaskedFrameFromAServerIsGarbage) {
  ClientBench b;
  b.answer_upgrade([](const zmtp::WsUpgradeRequest& r) {
    return zmtp::ws_upgrade_response(r.key, "ZWS2.0/NULL") +
           zmtp::encode_zws_frame({0, "x"}, zmtp::WsMask{1, 2, 3, 4});
  });
  b.peer.greet({}, soon());
  zmtp::DecodedFrame frame;
  std::string why;
  EXPECT_EQ(b.peer.read(frame, why, soon()), WirePeer::Read::garbage);
  EXPECT_NE(why.find("RFC 6455 5.1"), std::string::npos) << why;
}

TEST(WirePeerWs, ACloseFrameReadsAsClosedWithItsCode) {
  ClientBench b;
  b.answer_upgrade([](const zmtp::WsUpgradeRequest& r) {
    return zmtp::ws_upgrade_response(r.key, "ZWS2.0/NULL") +
           zmtp::encode_ws_frame(zmtp::kWsClose, std::string("\x03\xe8", 2), {});
  });
  b.peer.greet({}, soon());
  zmtp::DecodedFrame frame;
  std::string why;
  EXPECT_EQ(b.peer.read(frame, why, soon()), WirePeer::Read::closed);
  EXPECT_NE(why.find("code 1000"), std::string::npos) << why;
}

TEST(WirePeerWs, TheServerPicksNullWhenOfferedAndSendsUnmaskedFrames) {
  ServerBench b;
  b.fake_connects_offering("ZWS2.0/NULL, ZWS2.0");
  b.peer.greet({}, soon(), /*no_mechanism_too=*/true);
  ASSERT_TRUE(b.peer.greeting_done()) << b.peer.greeted().stopped;
  EXPECT_FALSE(b.peer.zws_no_mechanism());
  std::string error;
  auto answer =
      zmtp::parse_ws_upgrade_response(read_head(*b.fake), "dGhlIHNhbXBsZSBub25jZQ==", error);
  ASSERT_TRUE(answer) << error;
  EXPECT_EQ(answer->protocol, "ZWS2.0/NULL");
  ASSERT_TRUE(b.peer.write({0, "hi"}, -1, soon()));
  std::string octets;
  ASSERT_EQ(b.fake->read_exact(octets, 2 + 3, soon()), zmtp::RawStream::Status::ok);
  EXPECT_EQ(octets, std::string("\x82\x03\x00hi", 5));
}

TEST(WirePeerWs, PlainZwsIsAFallbackOnlyWhereAllowed) {
  {
    ServerBench b;
    b.fake_connects_offering("ZWS2.0");
    b.peer.greet({}, soon(), /*no_mechanism_too=*/true);
    EXPECT_TRUE(b.peer.greeting_done());
    EXPECT_TRUE(b.peer.zws_no_mechanism());
    // The routing-id message ends the handshake as READY would.
    ASSERT_EQ(b.fake->write_all(zmtp::encode_zws_frame({0, ""}, zmtp::WsMask{9, 9, 9, 9}), soon()),
              zmtp::RawStream::Status::ok);
    zmtp::DecodedFrame frame;
    std::string why;
    ASSERT_EQ(b.peer.read(frame, why, soon()), WirePeer::Read::frame) << why;
    EXPECT_TRUE(b.peer.peer_ready_seen());
  }
  {
    ServerBench b;
    b.fake_connects_offering("ZWS2.0");
    const auto& greeted = b.peer.greet({}, soon());
    EXPECT_FALSE(b.peer.greeting_done());
    EXPECT_NE(greeted.no_zws_null.find("ZWS2.0"), std::string::npos) << greeted.no_zws_null;
  }
}

TEST(WirePeerWs, AnUnmaskedFrameFromAClientIsGarbage) {
  ServerBench b;
  b.fake_connects_offering("ZWS2.0/NULL");
  b.peer.greet({}, soon());
  ASSERT_EQ(b.fake->write_all(zmtp::encode_zws_frame({0, "x"}, std::nullopt), soon()),
            zmtp::RawStream::Status::ok);
  zmtp::DecodedFrame frame;
  std::string why;
  EXPECT_EQ(b.peer.read(frame, why, soon()), WirePeer::Read::garbage);
  EXPECT_NE(why.find("unmasked"), std::string::npos) << why;
}
