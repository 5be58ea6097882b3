#include "live_sockets.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <zmq.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string_view>

#include "libzmq/curve_peer.hpp"
#include "libzmq/zap_handler.hpp"

namespace zconform::fuzz {

namespace {

// How long libzmq may take to close a connection whose peer has finished sending. It needs
// microseconds; a connection still open after this long is a hang, reported as a crash.
constexpr auto kDeadline = std::chrono::seconds(10);

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "live_sockets: %s (errno %d: %s)\n", what, errno, std::strerror(errno));
  std::abort();
}

int zmq_type(const SocketKind& kind) {
  static const std::map<std::string_view, int> types = {
      {"PULL", ZMQ_PULL}, {"ROUTER", ZMQ_ROUTER}, {"PAIR", ZMQ_PAIR}, {"DEALER", ZMQ_DEALER},
      {"REP", ZMQ_REP},   {"XPUB", ZMQ_XPUB},     {"SUB", ZMQ_SUB},   {"PUB", ZMQ_PUB}};
  return types.at(kind.name);
}

// Receives every message waiting on `socket`, whole: a message's parts arrive together or not at
// all (ZMQ's atomicity), so once the first part is in, the rest must be there too. Not checked
// where libzmq is known to break it (SocketKind::whole_messages).
void receive_waiting(void* socket, const SocketKind& kind, Exchange& into) {
  for (;;) {
    Message message;
    std::string user_id = "(none)";
    int more = 1;
    while (more) {
      zmq_msg_t part;
      zmq_msg_init(&part);
      if (zmq_msg_recv(&part, socket, ZMQ_DONTWAIT) < 0) {
        zmq_msg_close(&part);
        if ((errno == EAGAIN || errno == ENOTSUP) && message.empty()) return;  // ENOTSUP: PUB
        if (errno == EAGAIN && !kind.whole_messages) return;  // see socket_kinds.cpp
        fail("a message's later part was not there with its first (or recv failed)");
      }
      message.emplace_back(static_cast<const char*>(zmq_msg_data(&part)), zmq_msg_size(&part));
      more = zmq_msg_more(&part);
      // From the last part: ROUTER's first is the routing id it makes itself, with no metadata.
      if (!more) {
        const char* property = zmq_msg_gets(&part, "User-Id");
        if (property != nullptr) user_id = property;
      }
      zmq_msg_close(&part);
    }
    into.delivered.push_back(std::move(message));
    into.user_ids.push_back(std::move(user_id));
    // A REP socket takes the next request once it has replied: the reply exercises the way out.
    const std::string& last = into.delivered.back().back();
    if (zmq_type(kind) == ZMQ_REP) zmq_send(socket, last.data(), last.size(), ZMQ_DONTWAIT);
  }
}

}  // namespace

namespace {

struct Bound {
  void* socket = nullptr;
  std::string path;
};

// The socket an input of socket_kinds()[index] connects to. Made once and kept, but for PAIR: a
// PAIR ignores a second peer while it still holds the first and never reads from it again (a hang
// that belongs to no input), so each PAIR input gets a new one. A fresh socket for every input,
// closed and awaited (its MONITOR_STOPPED event) before the next, cost 1.1 ms per input against
// 0.2. What a kept socket leaves to the I/O thread after an input has returned is the termination
// of a session and its pipe: the engine is gone by then (its descriptor closed after it was
// deleted) and the messages it decoded have been received.
void* fuzz_context() {
  static void* const context = zmq_ctx_new();
  return context;
}

// PLAIN and CURVE servers ask it: without one, libzmq 4.3.4's PLAIN refuses every client
// (plain_server.cpp:178-183) and no frame after its handshake would be fuzzed.
ZapHandler& zap_handler() {
  static ZapHandler handler(fuzz_context());
  return handler;
}

Bound& bound_socket(size_t index) {
  void* const context = fuzz_context();
  static std::vector<Bound> sockets(socket_kinds().size());
  static uint64_t made = 0;
  const SocketKind& kind = socket_kinds().at(index);
  Bound& bound = sockets[index];
  const int type = zmq_type(kind);
  if (bound.socket != nullptr && type != ZMQ_PAIR) return bound;
  if (bound.socket != nullptr) zmq_close(bound.socket);
  bound.socket = zmq_socket(context, type);
  if (bound.socket == nullptr) fail("zmq_socket");
  const int zero = 0, one = 1;
  zmq_setsockopt(bound.socket, ZMQ_LINGER, &zero, sizeof zero);
  if (kind.mechanism == Mechanism::plain)
    zmq_setsockopt(bound.socket, ZMQ_PLAIN_SERVER, &one, sizeof one);
  if (kind.mechanism == Mechanism::curve) {
    zmq_setsockopt(bound.socket, ZMQ_CURVE_SERVER, &one, sizeof one);
    const std::string_view secret = curve_server_secret();
    zmq_setsockopt(bound.socket, ZMQ_CURVE_SECRETKEY, secret.data(), secret.size());
  }
  if (type == ZMQ_SUB) zmq_setsockopt(bound.socket, ZMQ_SUBSCRIBE, "", 0);
  // A peer with the Identity of one not yet torn down takes its place instead of being ignored.
  if (type == ZMQ_ROUTER) zmq_setsockopt(bound.socket, ZMQ_ROUTER_HANDOVER, &one, sizeof one);
  // A path of its own per socket: a closed listener unlinks its path when libzmq gets to it.
  bound.path = "/tmp/zconform-fuzz-" + std::to_string(getpid()) + "-" + std::to_string(made++);
  if (zmq_bind(bound.socket, ("ipc://" + bound.path).c_str()) != 0) fail("zmq_bind");
  return bound;
}

int connect_to(const Bound& bound) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) fail("socket");
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, bound.path.c_str(), sizeof address.sun_path - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) fail("connect");
  return fd;
}

// Plays `conversation`, half-closes after its last step, and serves the socket and the ZAP
// handler until libzmq closes the connection; then closes it here.
void serve(int fd, const Bound& bound, const SocketKind& kind, Conversation& conversation,
           const ZapAnswer& zap, Exchange& exchange) {
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  // Writes, reads and receives interleaved, so that neither side waits on a full buffer: libzmq
  // stops reading when a pipe is full until the application receives.
  ConversationPlayer player(conversation);
  bool shut = false;
  bool closed_by_libzmq = false;
  void* const zap_socket = zap_handler().socket();
  while (!closed_by_libzmq) {
    if (player.done() && !shut) {
      ::shutdown(fd, SHUT_WR);
      shut = true;
    }
    const std::string_view unwritten = player.unwritten();
    zmq_pollitem_t items[3] = {
        {bound.socket, 0, ZMQ_POLLIN, 0},
        {nullptr, fd, static_cast<short>(ZMQ_POLLIN | (unwritten.empty() ? 0 : ZMQ_POLLOUT)), 0},
        {zap_socket, 0, ZMQ_POLLIN, 0}};
    if (zmq_poll(items, 3, 100) < 0 && errno != EINTR) fail("zmq_poll");
    if (items[2].revents & ZMQ_POLLIN) zap_handler().answer_waiting(zap);
    if (items[0].revents & ZMQ_POLLIN) receive_waiting(bound.socket, kind, exchange);
    if (items[1].revents & ZMQ_POLLOUT) {
      const ssize_t n = ::send(fd, unwritten.data(), unwritten.size(), MSG_NOSIGNAL);
      if (n > 0)
        player.wrote(static_cast<size_t>(n));
      else if (n < 0 && errno != EAGAIN)
        player.stop_writing();  // libzmq closed first
    }
    if (items[1].revents & (ZMQ_POLLIN | ZMQ_POLLERR)) {
      char buffer[4096];
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n > 0) {
        exchange.bytes_from_libzmq += static_cast<size_t>(n);
        player.received(std::string_view(buffer, static_cast<size_t>(n)));
      } else if (n == 0 || errno != EAGAIN) {
        closed_by_libzmq = true;
      }
    }
    if (std::chrono::steady_clock::now() > deadline)
      fail("libzmq kept the connection open 10 s after the peer finished sending (or waited)");
  }
  ::close(fd);
  // The engine flushed its messages into the pipe before it closed the connection.
  receive_waiting(bound.socket, kind, exchange);
}

}  // namespace

Exchange play_connection(size_t index, Conversation& conversation, const ZapAnswer& zap) {
  const Bound& bound = bound_socket(index);
  Exchange exchange;
  serve(connect_to(bound), bound, socket_kinds().at(index), conversation, zap, exchange);
  return exchange;
}

}  // namespace zconform::fuzz
