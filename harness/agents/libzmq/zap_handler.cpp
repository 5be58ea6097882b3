#include "zap_handler.hpp"

#include <zmq.h>

#include <string>

#include "errors.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

namespace {

constexpr const char* kZapEndpoint = "inproc://zeromq.zap.01";  // RFC 27, ZAP-01

// One whole message; false once the context ends (ETERM) or the socket fails otherwise.
bool receive_message(zmq::socket_t& socket, std::vector<std::string>& frames) {
  frames.clear();
  while (true) {
    zmq::message_t frame;
    try {
      if (!socket.recv(frame)) return false;
    } catch (const zmq::error_t&) {
      return false;
    }
    frames.emplace_back(frame.data<char>(), frame.size());
    if (!frame.more()) return true;
  }
}

void send_message(zmq::socket_t& socket, const std::vector<std::string>& frames) {
  for (size_t i = 0; i < frames.size(); ++i) {
    const auto flags = i + 1 < frames.size() ? zmq::send_flags::sndmore : zmq::send_flags::none;
    socket.send(zmq::buffer(frames[i]), flags);
  }
}

}  // namespace

ZapHandler::ZapHandler(std::shared_ptr<ContextEntry> context, std::vector<ZapAnswer> answers)
    : context_(std::move(context)), answers_(std::move(answers)) {
  // Bound here, on the request's thread, so the reply says whether the handler exists; the socket
  // then moves to the handler's thread (std::thread's start is the memory barrier libzmq wants).
  zmq::socket_t socket = context_->with_context(
      [](zmq::context_t& c) { return zmq::socket_t(c, zmq::socket_type::router); });
  socket.set(zmq::sockopt::linger, 0);
  if (zmq_bind(socket.handle(), kZapEndpoint) != 0) throw ZmqError(zmq_errno());
  thread_ = std::thread([this, s = std::move(socket)]() mutable { serve(std::move(s)); });
}

ZapHandler::~ZapHandler() {
  if (thread_.joinable()) thread_.join();
}

Json ZapHandler::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

void ZapHandler::serve(zmq::socket_t socket) {
  std::vector<std::string> frames;
  while (receive_message(socket, frames)) {
    // The ROUTER's envelope: the session's routing id, then the empty delimiter libzmq sends
    // because handlers are commonly REP sockets.
    if (frames.size() < 2) continue;
    const std::vector<std::string> envelope(frames.begin(), frames.begin() + 2);
    Json record = zap_request_record({frames.begin() + 2, frames.end()});
    const ZapAnswer* answer = choose_zap_answer(answers_, record);
    const bool silent = answer != nullptr && answer->silent;
    std::vector<std::string> reply = zap_reply_frames(answer, record);
    record["answered"] = silent ? Json(nullptr) : Json(reply[2]);
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(std::move(record));
    }
    if (silent) continue;
    reply.insert(reply.begin(), envelope.begin(), envelope.end());
    try {
      send_message(socket, reply);
    } catch (const zmq::error_t&) {
      break;  // the context is ending
    }
  }
  socket.close();
  finished_ = true;
}

}  // namespace zconform::libzmq_agent
