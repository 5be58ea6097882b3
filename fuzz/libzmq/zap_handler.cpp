#include "libzmq/zap_handler.hpp"

#include <zmq.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace zconform::fuzz {

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "zap_handler: %s (errno %d: %s)\n", what, errno, std::strerror(errno));
  std::abort();
}

// One multipart message, or an empty vector when none is waiting.
std::vector<std::string> receive(void* socket) {
  std::vector<std::string> parts;
  int more = 1;
  while (more) {
    zmq_msg_t part;
    zmq_msg_init(&part);
    if (zmq_msg_recv(&part, socket, parts.empty() ? ZMQ_DONTWAIT : 0) < 0) {
      zmq_msg_close(&part);
      if (errno == EAGAIN && parts.empty()) return parts;
      fail("receiving a ZAP request");
    }
    parts.emplace_back(static_cast<const char*>(zmq_msg_data(&part)), zmq_msg_size(&part));
    more = zmq_msg_more(&part);
    zmq_msg_close(&part);
  }
  return parts;
}

}  // namespace

ZapHandler::ZapHandler(void* context) : socket_(zmq_socket(context, ZMQ_ROUTER)) {
  const int zero = 0;
  if (socket_ == nullptr || zmq_setsockopt(socket_, ZMQ_LINGER, &zero, sizeof zero) != 0 ||
      zmq_bind(socket_, "inproc://zeromq.zap.01") != 0)
    fail("binding the ZAP handler");
}

ZapHandler::~ZapHandler() { zmq_close(socket_); }

void ZapHandler::answer_waiting(const ZapAnswer& answer) {
  for (;;) {
    const std::vector<std::string> request = receive(socket_);
    if (request.empty()) return;
    // Routing id, empty delimiter, then RFC 27's frames; PLAIN adds two credentials, CURVE one.
    if (request.size() < 8 || !request[1].empty() || request[2] != "1.0") {
      std::fprintf(stderr, "zap_handler: a request of %zu frames, not RFC 27's\n", request.size());
      std::abort();
    }
    std::vector<std::string> reply = {request[0], ""};
    for (std::string& frame : answer.reply_frames(request[3])) reply.push_back(std::move(frame));
    for (size_t i = 0; i < reply.size(); ++i) {
      const int flags = i + 1 < reply.size() ? ZMQ_SNDMORE : 0;
      if (zmq_send(socket_, reply[i].data(), reply[i].size(), flags) < 0)
        fail("sending a ZAP reply");
    }
  }
}

}  // namespace zconform::fuzz
