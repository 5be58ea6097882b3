#include "run/loopback_ports.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>

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

}  // namespace

std::optional<int> stable_loopback_port() {
  static const int high = ephemeral_low();  // exclusive
  static const int low = std::max(kLowest, high - kSpan);
  if (high - low < 100) return std::nullopt;
  static std::atomic<unsigned> cursor{static_cast<unsigned>(::getpid()) * 7919u};
  const unsigned span = static_cast<unsigned>(high - low);
  for (unsigned tries = 0; tries < span; ++tries) {
    const int port = low + static_cast<int>(cursor++ % span);
    if (bindable(port)) return port;
  }
  return std::nullopt;
}

}  // namespace zconform
