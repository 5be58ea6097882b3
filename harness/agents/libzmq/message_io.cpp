#include "message_io.hpp"

#include <zmq.h>

#include <cerrno>
#include <chrono>

#include "draft_api.hpp"
#include "errors.hpp"

namespace zconform::libzmq_agent {

using protocol::Frames;
using Clock = std::chrono::steady_clock;

namespace {

// Calls `attempt(flags)` until it returns true. It first tries without blocking, so a socket in
// the wrong state reports its own error (EFSM) instead of looking merely not ready; a bounded
// wait then polls for readiness until the deadline. Blocking waits let libzmq block instead,
// so ctx_term can interrupt them with ETERM.
template <typename Attempt>
void with_wait(zmq::socket_t& socket, short readiness, Wait wait, Attempt attempt) {
  if (wait.blocks()) {
    // libzmq only returns EAGAIN from a blocking call when SNDTIMEO/RCVTIMEO expired.
    if (!attempt(0)) throw ZmqError(EAGAIN);
    return;
  }
  const auto deadline = Clock::now() + std::chrono::milliseconds(wait.timeout_ms);
  while (!attempt(ZMQ_DONTWAIT)) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) throw ZmqError(EAGAIN);
    zmq_pollitem_t item{socket.handle(), 0, readiness, 0};
    if (zmq_poll(&item, 1, static_cast<long>(left.count())) < 0 && zmq_errno() != EINTR) {
      throw ZmqError(zmq_errno());
    }
  }
}

// One zmq_msg_send/recv call: true when done, false on EAGAIN, throws other errors. EINTR is
// retried: a signal is no reason to fail a request.
void set_properties(zmq::message_t& message, const MessageProperties& properties) {
  const DraftApi& api = draft_api();
  if (properties.routing_id &&
      api.msg_set_routing_id(message.handle(), *properties.routing_id) != 0)
    throw ZmqError(zmq_errno());
  if (properties.group && api.msg_set_group(message.handle(), properties.group->c_str()) != 0)
    throw ZmqError(zmq_errno());
}

bool send_frame(zmq::socket_t& socket, const std::string& frame, int flags,
                const MessageProperties& properties) {
  for (;;) {
    zmq::message_t message(frame.data(), frame.size());
    set_properties(message, properties);
    if (zmq_msg_send(message.handle(), socket.handle(), flags) >= 0) return true;
    int error = zmq_errno();
    if (error == EAGAIN) return false;
    if (error != EINTR) throw ZmqError(error);
  }
}

bool receive_frame(zmq::socket_t& socket, zmq::message_t& message, int flags) {
  for (;;) {
    if (zmq_msg_recv(message.handle(), socket.handle(), flags) >= 0) return true;
    int error = zmq_errno();
    if (error == EAGAIN) return false;
    if (error != EINTR) throw ZmqError(error);
  }
}

}  // namespace

Wait Wait::from_timeout(std::optional<int64_t> timeout_ms) {
  if (!timeout_ms || *timeout_ms < 0) return forever();
  return Wait{*timeout_ms};
}

void send_message(zmq::socket_t& socket, const Frames& frames, Wait wait,
                  const MessageProperties& properties) {
  if (frames.empty()) throw ZmqError(EINVAL, "a message needs at least one frame");
  auto more_flag = [&](size_t index) { return index + 1 < frames.size() ? ZMQ_SNDMORE : 0; };
  with_wait(socket, ZMQ_POLLOUT, wait, [&](int flags) {
    return send_frame(socket, frames[0], flags | more_flag(0), properties);
  });
  // libzmq accepts or refuses a message as a whole at its first frame, so the rest never wait.
  for (size_t index = 1; index < frames.size(); ++index) {
    if (!send_frame(socket, frames[index], more_flag(index), properties)) throw ZmqError(EAGAIN);
  }
}

ReceivedMessage receive_message(zmq::socket_t& socket, Wait wait, PropertyKinds kinds) {
  ReceivedMessage received;
  zmq::message_t message;
  with_wait(socket, ZMQ_POLLIN, wait,
            [&](int flags) { return receive_frame(socket, message, flags); });
  const DraftApi& api = draft_api();
  if (kinds.routing_id) received.properties.routing_id = api.msg_routing_id(message.handle());
  if (kinds.group) received.properties.group = api.msg_group(message.handle());
  for (const std::string& name : kinds.metadata) {
    const char* value = zmq_msg_gets(message.handle(), name.c_str());
    received.metadata.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
  }
  received.frames.emplace_back(message.data<char>(), message.size());
  // The remaining frames of a message arrive together with its first.
  while (message.more()) {
    if (!receive_frame(socket, message, 0)) throw ZmqError(EAGAIN);
    received.frames.emplace_back(message.data<char>(), message.size());
  }
  return received;
}

ReceivedInto receive_into(zmq::socket_t& socket, size_t size, Wait wait) {
  ReceivedInto received;
  std::string buffer(size, '\0');
  with_wait(socket, ZMQ_POLLIN, wait, [&](int flags) {
    for (;;) {
      const int n = zmq_recv(socket.handle(), buffer.data(), size, flags);
      if (n >= 0) {
        received.message_size = n;
        return true;
      }
      if (zmq_errno() == EAGAIN) return false;
      if (zmq_errno() != EINTR) throw ZmqError(zmq_errno());
    }
  });
  buffer.resize(std::min<size_t>(size, static_cast<size_t>(received.message_size)));
  received.bytes = std::move(buffer);
  int more = 0;
  size_t length = sizeof more;
  if (zmq_getsockopt(socket.handle(), ZMQ_RCVMORE, &more, &length) != 0)
    throw ZmqError(zmq_errno());
  received.more = more != 0;
  return received;
}

}  // namespace zconform::libzmq_agent
