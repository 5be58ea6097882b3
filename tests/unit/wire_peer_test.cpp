// The raw peer against a scripted fake implementation: malformed or hostile byte streams end in a
// reported outcome (garbage, closed, timeout), never a crash, a hang or a huge allocation.
#include <gtest/gtest.h>

#include "run/wire_peer.hpp"
#include "zmtp/command.hpp"
#include "zmtp/greeting.hpp"

using namespace zconform;
using std::chrono::milliseconds;

namespace {

Clock::time_point soon(int ms = 2000) { return Clock::now() + milliseconds(ms); }

// A raw peer connected to a fake implementation the test writes for.
struct Bench {
  zmtp::RawListener listener = zmtp::RawListener::listen_tcp();
  WirePeer peer{"tcp", "PUSH", ""};
  std::optional<zmtp::RawStream> fake;
  Bench() {
    peer.connect(listener.endpoint(), soon());
    fake = listener.accept(soon());
  }
  void fake_sends(const std::string& bytes) {
    ASSERT_EQ(fake->write_all(bytes, soon()), zmtp::RawStream::Status::ok);
  }
};

std::string valid_greeting() { return zmtp::encode_greeting(zmtp::Greeting{}); }

}  // namespace

TEST(WirePeer, AHugeDeclaredSizeIsGarbageNotAnAllocation) {
  Bench b;
  b.fake_sends(valid_greeting() + std::string("\x02\x7f\xff\xff\xff\xff\xff\xff\xff", 9));
  b.peer.greet({}, soon());
  ASSERT_TRUE(b.peer.peer_greeting());
  zmtp::DecodedFrame frame;
  std::string why;
  EXPECT_EQ(b.peer.read(frame, why, soon()), WirePeer::Read::garbage);
  EXPECT_NE(why.find("exceeds the limit"), std::string::npos) << why;
  EXPECT_FALSE(b.peer.transcript().lines().empty());
}

TEST(WirePeer, AClosingImplementationEndsTheGreetingAndReadsAsClosed) {
  Bench b;
  b.fake_sends(valid_greeting().substr(0, 7));
  b.fake->close();
  const auto& greeted = b.peer.greet({}, soon());
  EXPECT_EQ(greeted.peer_octets.size(), 7u);
  EXPECT_NE(greeted.stopped.find("closed"), std::string::npos) << greeted.stopped;
  EXPECT_FALSE(b.peer.peer_greeting());
  zmtp::DecodedFrame frame;
  std::string why;
  EXPECT_EQ(b.peer.read(frame, why, soon()), WirePeer::Read::closed);
}

TEST(WirePeer, TextInsteadOfAGreetingIsReportedWithinTheDeadline) {
  Bench b;
  b.fake_sends("GET / HTTP/1.1\r\n");
  const auto started = Clock::now();
  const auto& greeted = b.peer.greet({}, soon(100));
  EXPECT_LT(Clock::now() - started, milliseconds(1000));
  EXPECT_FALSE(b.peer.peer_greeting());
  EXPECT_GE(greeted.peer_octets.size(), 10u);
}

TEST(WirePeer, FramesComeBackDecodedWithTheirFlags) {
  Bench b;
  const std::string ready = zmtp::encode_frame(zmtp::ready({{"Socket-Type", "PULL"}}));
  b.fake_sends(valid_greeting() + ready + zmtp::encode_frame({zmtp::kMore, "a"}) +
               zmtp::encode_frame({0, std::string(300, 'x')}));
  b.peer.greet({}, soon());
  zmtp::DecodedFrame frame;
  std::string why;
  ASSERT_EQ(b.peer.read(frame, why, soon()), WirePeer::Read::frame);
  EXPECT_TRUE(frame.command);
  EXPECT_TRUE(b.peer.peer_ready_seen());
  ASSERT_EQ(b.peer.read(frame, why, soon()), WirePeer::Read::frame);
  EXPECT_TRUE(frame.more);
  ASSERT_EQ(b.peer.read(frame, why, soon()), WirePeer::Read::frame);
  EXPECT_TRUE(frame.is_long);
  EXPECT_EQ(frame.body.size(), 300u);
  EXPECT_EQ(b.peer.read(frame, why, soon(20)), WirePeer::Read::timeout);
}
