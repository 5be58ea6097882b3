// Port leases: a leased port is not handed out again, to this process or another, until the
// lease ends (loopback_ports.hpp).
#include "run/loopback_ports.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace zconform {
namespace {

std::filesystem::path lock_file(int port) {
  return std::filesystem::temp_directory_path() / ("zconform-ports-" + std::to_string(::getuid())) /
         std::to_string(port);
}

// What another zconform process would find: can it take the port's lock?
bool lockable_from_elsewhere(int port) {
  const int fd = ::open(lock_file(port).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  const bool locked = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  return locked;
}

TEST(LoopbackPorts, LeasedPortsAreDistinctAndLockedUntilReleased) {
  std::vector<PortLease> leases;
  std::set<int> ports;
  for (int i = 0; i < 200; ++i) {
    auto lease = lease_loopback_port();
    if (!lease) GTEST_SKIP() << "no room below the ephemeral port range on this machine";
    EXPECT_TRUE(ports.insert(lease->port()).second) << "port " << lease->port() << " leased twice";
    leases.push_back(std::move(*lease));
  }
  const int first = leases.front().port();
  EXPECT_FALSE(lockable_from_elsewhere(first)) << "a leased port's lock is free";
  leases.erase(leases.begin());
  EXPECT_TRUE(lockable_from_elsewhere(first)) << "a released port's lock is still held";
}

TEST(LoopbackPorts, APortLockedByAnotherProcessIsSkipped) {
  // Leases walk the range one port after another: lock the next two as another zconform process
  // would, and the lease after them must pass both by.
  auto before = lease_loopback_port();
  if (!before) GTEST_SKIP() << "no room below the ephemeral port range on this machine";
  std::vector<int> held;
  for (int port : {before->port() + 1, before->port() + 2}) {
    const int fd = ::open(lock_file(port).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::flock(fd, LOCK_EX | LOCK_NB), 0) << "port " << port << " is leased already";
    held.push_back(fd);
  }
  auto after = lease_loopback_port();
  ASSERT_TRUE(after.has_value());
  EXPECT_NE(after->port(), before->port() + 1);
  EXPECT_NE(after->port(), before->port() + 2);
  for (int fd : held) ::close(fd);
}

}  // namespace
}  // namespace zconform
