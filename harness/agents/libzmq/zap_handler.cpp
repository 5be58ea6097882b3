#include "zap_handler.hpp"

#include <zmq.h>

#include <cstdint>
#include <string>

#include "errors.hpp"
#include "message_io.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

namespace {

constexpr const char* kZapEndpoint = "inproc://zeromq.zap.01";  // RFC 27, ZAP-01

}  // namespace

ZapHandler::ZapHandler(std::shared_ptr<ContextEntry> context, std::vector<ZapAnswer> answers)
    : context_(std::move(context)),
      answers_(std::move(answers)),
      wakeup_endpoint_("inproc://zconform-zap-release-" +
                       std::to_string(reinterpret_cast<uintptr_t>(this))) {
  // Bound here, on the request's thread, so the reply says whether the handler exists; the sockets
  // then move to the handler's thread (std::thread's start is the memory barrier libzmq wants).
  auto make = [this](zmq::socket_type type) {
    zmq::socket_t s =
        context_->with_context([type](zmq::context_t& c) { return zmq::socket_t(c, type); });
    s.set(zmq::sockopt::linger, 0);
    return s;
  };
  zmq::socket_t socket = make(zmq::socket_type::router);
  if (zmq_bind(socket.handle(), kZapEndpoint) != 0) throw ZmqError(zmq_errno());
  zmq::socket_t wakeup = make(zmq::socket_type::pull);
  wakeup.bind(wakeup_endpoint_);
  thread_ = std::thread([this, s = std::move(socket), w = std::move(wakeup)]() mutable {
    serve(std::move(s), std::move(w));
  });
}

ZapHandler::~ZapHandler() {
  if (thread_.joinable()) thread_.join();
}

Json ZapHandler::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

size_t ZapHandler::release(std::chrono::milliseconds timeout) {
  {
    std::unique_lock lock(mutex_);
    if (!held_changed_.wait_for(lock, timeout, [this] { return !held_.empty() || finished_; }))
      return 0;
    if (held_.empty()) return 0;
  }
  // A message on the wakeup socket has the handler's thread send what is held: only that thread
  // may use the ROUTER.
  zmq::socket_t poke = context_->with_context(
      [](zmq::context_t& c) { return zmq::socket_t(c, zmq::socket_type::push); });
  poke.set(zmq::sockopt::linger, 0);
  poke.connect(wakeup_endpoint_);
  std::unique_lock lock(mutex_);
  const size_t count = held_.size();
  lock.unlock();
  poke.send(zmq::str_buffer("release"), zmq::send_flags::none);
  lock.lock();
  held_changed_.wait_for(lock, timeout, [this] { return held_.empty() || finished_; });
  return count;
}

void ZapHandler::send_held(zmq::socket_t& socket) {
  std::vector<std::vector<std::string>> replies;
  {
    std::lock_guard lock(mutex_);
    replies.swap(held_);
  }
  for (const auto& reply : replies) send_message(socket, reply, Wait::forever());
  held_changed_.notify_all();
}

void ZapHandler::serve(zmq::socket_t socket, zmq::socket_t wakeup) {
  protocol::Frames frames;
  zmq::pollitem_t items[] = {{socket.handle(), 0, ZMQ_POLLIN, 0},
                             {wakeup.handle(), 0, ZMQ_POLLIN, 0}};
  while (true) {
    try {
      zmq::poll(items, 2, std::chrono::milliseconds(-1));
      if (items[1].revents & ZMQ_POLLIN) {
        zmq::message_t poke;
        (void)wakeup.recv(poke);
        send_held(socket);
      }
    } catch (const zmq::error_t&) {
      break;  // the context is ending
    } catch (const ZmqError&) {
      break;  // likewise, from sending what was held
    }
    if (!(items[0].revents & ZMQ_POLLIN)) continue;
    try {
      frames = receive_message(socket, Wait::forever()).frames;
    } catch (const ZmqError&) {
      break;  // the context is ending
    }
    // The ROUTER's envelope: the session's routing id, then the empty delimiter libzmq sends
    // because handlers are commonly REP sockets.
    if (frames.size() < 2) continue;
    const std::vector<std::string> envelope(frames.begin(), frames.begin() + 2);
    Json record = zap_request_record({frames.begin() + 2, frames.end()});
    const ZapAnswer* answer = choose_zap_answer(answers_, record);
    const bool silent = answer != nullptr && answer->silent;
    const bool hold = answer != nullptr && answer->hold;
    std::vector<std::string> reply = zap_reply_frames(answer, record);
    record["answered"] = silent ? Json(nullptr) : Json(reply[2]);
    reply.insert(reply.begin(), envelope.begin(), envelope.end());
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(std::move(record));
      if (hold) held_.push_back(reply);
    }
    if (hold) held_changed_.notify_all();
    if (silent || hold) continue;
    try {
      send_message(socket, reply, Wait::forever());
    } catch (const ZmqError&) {
      break;  // the context is ending
    }
  }
  socket.close();
  wakeup.close();
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  held_changed_.notify_all();
}

}  // namespace zconform::libzmq_agent
