#include "zmtp/raw_stream.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace zconform::zmtp {
namespace {

// Rounded up: poll's millisecond timeout must not end before the deadline.
int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

std::string os_error(const std::string& what) { return what + ": " + std::strerror(errno); }

void set_nonblocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

// "127.0.0.1:5555" or "[::1]:5555" -> a loopback socket address.
sockaddr_storage tcp_address(const std::string& endpoint, const std::string& rest,
                             socklen_t& length) {
  sockaddr_storage storage{};
  auto colon = rest.rfind(':');
  if (colon == std::string::npos) throw RawError(endpoint + ": no port");
  std::string host = rest.substr(0, colon);
  int port = 0;
  try {
    port = std::stoi(rest.substr(colon + 1));
  } catch (const std::exception&) {
    throw RawError(endpoint + ": bad port");
  }
  if (port <= 0 || port > 65535) throw RawError(endpoint + ": bad port");
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    auto* a6 = reinterpret_cast<sockaddr_in6*>(&storage);
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons(static_cast<uint16_t>(port));
    if (::inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), &a6->sin6_addr) != 1 ||
        !IN6_IS_ADDR_LOOPBACK(&a6->sin6_addr)) {
      throw RawError(endpoint + ": only the loopback address ::1 is allowed");
    }
    length = sizeof(sockaddr_in6);
    return storage;
  }
  auto* a4 = reinterpret_cast<sockaddr_in*>(&storage);
  a4->sin_family = AF_INET;
  a4->sin_port = htons(static_cast<uint16_t>(port));
  if (::inet_pton(AF_INET, host.c_str(), &a4->sin_addr) != 1 ||
      (ntohl(a4->sin_addr.s_addr) >> 24) != 127) {
    throw RawError(endpoint + ": only loopback addresses (127.0.0.0/8) are allowed");
  }
  length = sizeof(sockaddr_in);
  return storage;
}

}  // namespace

sockaddr_storage ipc_address(const std::string& endpoint, const std::string& path,
                             socklen_t& length) {
  sockaddr_storage storage{};
  auto* un = reinterpret_cast<sockaddr_un*>(&storage);
  un->sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof(un->sun_path))
    throw RawError(endpoint + ": ipc path empty or too long");
  std::memcpy(un->sun_path, path.data(), path.size());
  length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + path.size() + 1);
  return storage;
}

sockaddr_storage loopback_tcp_address(const std::string& endpoint, socklen_t& length) {
  if (endpoint.rfind("tcp://", 0) != 0) throw RawError(endpoint + ": not a tcp:// endpoint");
  return tcp_address(endpoint, endpoint.substr(6), length);
}

RawStream& RawStream::operator=(RawStream&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

RawStream RawStream::connect(const std::string& endpoint, Clock::time_point deadline) {
  socklen_t length = 0;
  sockaddr_storage address{};
  if (endpoint.rfind("tcp://", 0) == 0)
    address = tcp_address(endpoint, endpoint.substr(6), length);
  else if (endpoint.rfind("ipc://", 0) == 0)
    address = ipc_address(endpoint, endpoint.substr(6), length);
  else
    throw RawError(endpoint + ": the raw peer speaks tcp:// and ipc:// only");
  int fd = ::socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw RawError(os_error("socket"));
  RawStream stream(fd);
  set_nonblocking(fd);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), length) != 0) {
    if (errno != EINPROGRESS) throw RawError(os_error("connect to " + endpoint));
    if (!stream.wait_for(POLLOUT, deadline))
      throw RawError("connect to " + endpoint + ": no answer before the deadline");
    int error = 0;
    socklen_t size = sizeof(error);
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size);
    if (error != 0) {
      errno = error;
      throw RawError(os_error("connect to " + endpoint));
    }
  }
  if (address.ss_family != AF_UNIX) {
    int one = 1;  // each scripted write goes out as written: byte-by-byte tests mean it
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  }
  return stream;
}

bool RawStream::wait_for(short events, Clock::time_point deadline) {
  while (true) {
    pollfd p{fd_, events, 0};
    int n = ::poll(&p, 1, remaining_ms(deadline));
    if (n > 0) return true;
    if (n == 0) return false;
    if (errno != EINTR) return false;
  }
}

RawStream::Status RawStream::write_all(std::string_view bytes, Clock::time_point deadline) {
  while (!bytes.empty()) {
    if (fd_ < 0) return Status::closed;
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n > 0) {
      bytes.remove_prefix(static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (!wait_for(POLLOUT, deadline)) return Status::timeout;
      continue;
    }
    return Status::closed;  // EPIPE, ECONNRESET: the peer is gone
  }
  return Status::ok;
}

RawStream::Status RawStream::read_some(std::string& out, size_t max, Clock::time_point deadline) {
  char buffer[65536];
  while (true) {
    if (fd_ < 0) return Status::closed;
    ssize_t n = ::recv(fd_, buffer, std::min(max, sizeof(buffer)), 0);
    if (n > 0) {
      out.append(buffer, static_cast<size_t>(n));
      return Status::ok;
    }
    if (n == 0) return Status::closed;
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return Status::closed;
    if (!wait_for(POLLIN, deadline)) return Status::timeout;
  }
}

RawStream::Status RawStream::read_exact(std::string& out, size_t n, Clock::time_point deadline) {
  const size_t target = out.size() + n;
  while (out.size() < target) {
    Status s = read_some(out, target - out.size(), deadline);
    if (s != Status::ok) return s;
  }
  return Status::ok;
}

void RawStream::shutdown_write() {
  if (fd_ >= 0) ::shutdown(fd_, SHUT_WR);
}

void RawStream::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

RawListener RawListener::listen_tcp() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw RawError(os_error("socket"));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(fd, 16) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    std::string error = os_error("listen on 127.0.0.1");
    ::close(fd);
    throw RawError(error);
  }
  set_nonblocking(fd);
  return RawListener(fd, "tcp://127.0.0.1:" + std::to_string(ntohs(address.sin_port)));
}

RawListener RawListener::listen_ipc(const std::string& path) {
  socklen_t length = 0;
  const std::string endpoint = "ipc://" + path;
  sockaddr_storage address = ipc_address(endpoint, path, length);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw RawError(os_error("socket"));
  ::unlink(path.c_str());
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(fd, 16) != 0) {
    std::string error = os_error("listen on " + endpoint);
    ::close(fd);
    throw RawError(error);
  }
  set_nonblocking(fd);
  RawListener listener(fd, endpoint);
  listener.ipc_path_ = path;
  return listener;
}

RawListener::~RawListener() {
  if (fd_ >= 0) ::close(fd_);
  if (!ipc_path_.empty()) ::unlink(ipc_path_.c_str());
}

std::optional<RawStream> RawListener::accept(Clock::time_point deadline) {
  while (true) {
    int fd = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd >= 0) {
      // Each write is a step of a script: Nagle would hold small frames back for the peer's ACK.
      int one = 1;
      if (ipc_path_.empty()) ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      return RawStream(fd);
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) throw RawError(os_error("accept on " + endpoint_));
    pollfd p{fd_, POLLIN, 0};
    int n = ::poll(&p, 1, remaining_ms(deadline));
    if (n == 0) return std::nullopt;
    if (n < 0 && errno != EINTR) throw RawError(os_error("poll on " + endpoint_));
  }
}

}  // namespace zconform::zmtp
