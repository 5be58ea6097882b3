#include "run/loopback_ports.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <system_error>

namespace zconform {
namespace {

constexpr int kSpan = 8000;  // ports of ours below the ephemeral range
constexpr int kLowest = 10000;

int ephemeral_low() {
  std::ifstream range("/proc/sys/net/ipv4/ip_local_port_range");
  int low = 32768;  // Linux's default when the file cannot be read
  range >> low;
  return low;
}

// Listens nowhere: binds with SO_REUSEADDR as listeners do (a port in TIME_WAIT from an earlier
// case is fine for them too), then closes.
bool bindable(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const int on = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

// Shared by every zconform process of this user; empty when it cannot be made.
const std::filesystem::path& lock_directory() {
  static const std::filesystem::path directory = [] {
    std::error_code error;
    auto path = std::filesystem::temp_directory_path(error) /
                ("zconform-ports-" + std::to_string(::getuid()));
    std::filesystem::create_directories(path, error);
    return error ? std::filesystem::path{} : path;
  }();
  return directory;
}

enum class Lock { held, taken, unavailable };

// flock belongs to the open file description: a second lease of the same port fails even within
// this process, and an ended process leaves no stale lock behind.
Lock lock_port(int port, int& fd) {
  fd = -1;
  if (lock_directory().empty()) return Lock::unavailable;
  const auto path = lock_directory() / std::to_string(port);
  fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Lock::unavailable;
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return Lock::held;
  ::close(fd);
  fd = -1;
  return Lock::taken;
}

}  // namespace

PortLease::PortLease(PortLease&& other) noexcept : port_(other.port_), lock_fd_(other.lock_fd_) {
  other.lock_fd_ = -1;
}

PortLease& PortLease::operator=(PortLease&& other) noexcept {
  if (this != &other) {
    if (lock_fd_ >= 0) ::close(lock_fd_);
    port_ = other.port_;
    lock_fd_ = other.lock_fd_;
    other.lock_fd_ = -1;
  }
  return *this;
}

PortLease::~PortLease() {
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::optional<PortLease> lease_loopback_port() {
  static const int high = ephemeral_low();  // exclusive
  static const int low = std::max(kLowest, high - kSpan);
  if (high - low < 100) return std::nullopt;
  // A random start per process: fewer lock files to step over than if all started at one place.
  static std::atomic<unsigned> cursor{std::random_device{}()};
  const unsigned span = static_cast<unsigned>(high - low);
  for (unsigned tries = 0; tries < span; ++tries) {
    const int port = low + static_cast<int>(cursor++ % span);
    int fd = -1;
    if (lock_port(port, fd) == Lock::taken) continue;
    PortLease lease(port, fd);
    if (bindable(port)) return lease;
  }
  return std::nullopt;
}

}  // namespace zconform
