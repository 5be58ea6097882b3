#include <gtest/gtest.h>

#include "test_files.hpp"
#include "zmtp/raw_stream.hpp"

using namespace zconform::zmtp;
using std::chrono::milliseconds;

namespace {
Clock::time_point soon() { return Clock::now() + milliseconds(2000); }
}  // namespace

TEST(RawStream, CarriesBytesBothWaysOverTcpAndSeesTheHalfClose) {
  RawListener listener = RawListener::listen_tcp();
  ASSERT_EQ(listener.endpoint().rfind("tcp://127.0.0.1:", 0), 0u);
  RawStream client = RawStream::connect(listener.endpoint(), soon());
  std::optional<RawStream> server = listener.accept(soon());
  ASSERT_TRUE(server);

  ASSERT_EQ(client.write_all(std::string("\xff\0\0\0\0\0\0\0\0\x7f", 10), soon()),
            RawStream::Status::ok);
  std::string got;
  ASSERT_EQ(server->read_exact(got, 10, soon()), RawStream::Status::ok);
  EXPECT_EQ(got, std::string("\xff\0\0\0\0\0\0\0\0\x7f", 10));

  client.shutdown_write();
  std::string more;
  EXPECT_EQ(server->read_some(more, 100, soon()), RawStream::Status::closed);
  ASSERT_EQ(server->write_all("still open the other way", soon()), RawStream::Status::ok);
  std::string back;
  EXPECT_EQ(client.read_exact(back, 24, soon()), RawStream::Status::ok);
  EXPECT_EQ(back, "still open the other way");
}

TEST(RawStream, ASilentPeerIsATimeoutNotAHang) {
  RawListener listener = RawListener::listen_tcp();
  RawStream client = RawStream::connect(listener.endpoint(), soon());
  std::string got;
  auto started = Clock::now();
  EXPECT_EQ(client.read_exact(got, 1, Clock::now() + milliseconds(50)), RawStream::Status::timeout);
  EXPECT_GE(Clock::now() - started, milliseconds(50));
  EXPECT_EQ(listener.accept(Clock::now()).has_value(), true);  // the connection was queued
}

TEST(RawStream, WorksOverIpc) {
  TempDir dir;
  RawListener listener = RawListener::listen_ipc((dir.path / "raw.ipc").string());
  RawStream client = RawStream::connect(listener.endpoint(), soon());
  auto server = listener.accept(soon());
  ASSERT_TRUE(server);
  ASSERT_EQ(server->write_all("hi", soon()), RawStream::Status::ok);
  std::string got;
  EXPECT_EQ(client.read_exact(got, 2, soon()), RawStream::Status::ok);
  EXPECT_EQ(got, "hi");
}

TEST(RawStream, RefusesAnythingButLoopback) {
  EXPECT_THROW(RawStream::connect("tcp://10.0.0.1:5555", soon()), RawError);
  EXPECT_THROW(RawStream::connect("tcp://[2001:db8::1]:5555", soon()), RawError);
  EXPECT_THROW(RawStream::connect("tcp://127.0.0.1", soon()), RawError);
  EXPECT_THROW(RawStream::connect("ws://127.0.0.1:5555", soon()), RawError);
}
