#include "fault/relay_listener.hpp"

#include "zmtp/raw_stream.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace zconform {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

[[noreturn]] void fail(const std::string& upstream, const std::string& why) {
  throw std::runtime_error("fault relay in front of " + upstream + ": " + why);
}

// Binds and listens on `address`; the fd, or -1 with errno set.
int listen_on(const sockaddr* address, socklen_t length) {
  const int fd = ::socket(address->sa_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  if (::bind(fd, address, length) != 0 || ::listen(fd, 64) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

// tcp:// and ws://: "scheme://host:port[/path]" -> upstream address, listener on 127.0.0.1.
void open_loopback(const std::string& upstream, const std::string& scheme, RelayListener& l) {
  const std::string rest = upstream.substr(scheme.size() + 3);
  const size_t slash = scheme == "ws" ? rest.find('/') : std::string::npos;
  const std::string host_port = rest.substr(0, slash);
  const std::string path = slash == std::string::npos ? "" : rest.substr(slash);
  try {
    l.upstream = zmtp::loopback_tcp_address("tcp://" + host_port, l.upstream_length);
  } catch (const zmtp::RawError& e) {
    fail(upstream, e.what());
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof addr;
  l.fd = listen_on(reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  if (l.fd < 0 || ::getsockname(l.fd, reinterpret_cast<sockaddr*>(&addr), &length) != 0)
    fail(upstream, std::string("cannot listen on 127.0.0.1: ") + std::strerror(errno));
  l.endpoint = scheme + "://127.0.0.1:" + std::to_string(ntohs(addr.sin_port)) + path;
}

// The address of an ipc path, checked: a leading '@' is Linux's abstract namespace, with no file
// to put the relay's own path beside.
sockaddr_storage ipc_address(const std::string& upstream, const std::string& path,
                             socklen_t& length) {
  if (!path.empty() && path.front() == '@') fail(upstream, "an ipc path naming a file is needed");
  try {
    return zmtp::ipc_address(upstream, path, length);
  } catch (const zmtp::RawError& e) {
    fail(upstream, e.what());
  }
}

void open_ipc(const std::string& upstream, RelayListener& l) {
  const std::string path = upstream.substr(6);
  l.upstream = ipc_address(upstream, path, l.upstream_length);
  l.ipc_path = path + "-relay";
  socklen_t own_length = 0;
  const sockaddr_storage own = ipc_address(upstream, l.ipc_path, own_length);
  ::unlink(l.ipc_path.c_str());  // left by a run that was killed: ours to reuse
  l.fd = listen_on(reinterpret_cast<const sockaddr*>(&own), own_length);
  if (l.fd < 0) fail(upstream, "cannot listen on " + l.ipc_path + ": " + std::strerror(errno));
  l.endpoint = "ipc://" + l.ipc_path;
}

}  // namespace

RelayListener open_relay_listener(const std::string& upstream) {
  RelayListener l;
  if (starts_with(upstream, "tcp://"))
    open_loopback(upstream, "tcp", l);
  else if (starts_with(upstream, "ws://"))
    open_loopback(upstream, "ws", l);
  else if (starts_with(upstream, "ipc://"))
    open_ipc(upstream, l);
  else
    fail(upstream, "the relay carries tcp://, ws:// and ipc:// only");
  return l;
}

void close_relay_listener(RelayListener& l) {
  if (l.fd >= 0) ::close(l.fd);
  l.fd = -1;
  if (!l.ipc_path.empty()) ::unlink(l.ipc_path.c_str());
}

}  // namespace zconform
