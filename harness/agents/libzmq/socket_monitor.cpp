#include "socket_monitor.hpp"

#include <zmq.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "errors.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

namespace {

std::string event_name(uint16_t event) {
  switch (event) {
    case ZMQ_EVENT_CONNECTED: return "CONNECTED";
    case ZMQ_EVENT_CONNECT_DELAYED: return "CONNECT_DELAYED";
    case ZMQ_EVENT_CONNECT_RETRIED: return "CONNECT_RETRIED";
    case ZMQ_EVENT_LISTENING: return "LISTENING";
    case ZMQ_EVENT_BIND_FAILED: return "BIND_FAILED";
    case ZMQ_EVENT_ACCEPTED: return "ACCEPTED";
    case ZMQ_EVENT_ACCEPT_FAILED: return "ACCEPT_FAILED";
    case ZMQ_EVENT_CLOSED: return "CLOSED";
    case ZMQ_EVENT_CLOSE_FAILED: return "CLOSE_FAILED";
    case ZMQ_EVENT_DISCONNECTED: return "DISCONNECTED";
    case ZMQ_EVENT_MONITOR_STOPPED: return "MONITOR_STOPPED";
    case ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL: return "HANDSHAKE_FAILED_NO_DETAIL";
    case ZMQ_EVENT_HANDSHAKE_SUCCEEDED: return "HANDSHAKE_SUCCEEDED";
    case ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL: return "HANDSHAKE_FAILED_PROTOCOL";
    case ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: return "HANDSHAKE_FAILED_AUTH";
    default: return "EVENT_" + std::to_string(event);
  }
}

// Blocking receive of one frame, retrying EINTR. Returns libzmq's errno, 0 on success.
int receive_frame(zmq::socket_t& socket, zmq::message_t& frame) {
  for (;;) {
    if (zmq_msg_recv(frame.handle(), socket.handle(), 0) >= 0) return 0;
    if (zmq_errno() != EINTR) return zmq_errno();
  }
}

}  // namespace

SocketMonitor::SocketMonitor(zmq::socket_t& monitored, const std::string& socket_handle,
                             ContextEntry& context, LineWriter& out) {
  // Socket handles are unique for the agent's lifetime, so the endpoint never collides.
  const std::string endpoint = "inproc://zconform-monitor-" + socket_handle;
  if (zmq_socket_monitor(monitored.handle(), endpoint.c_str(), ZMQ_EVENT_ALL) != 0) {
    throw ZmqError(zmq_errno(), "zmq_socket_monitor");
  }
  try {
    zmq::socket_t events = context.with_context(
        [](zmq::context_t& live) { return zmq::socket_t(live, zmq::socket_type::pair); });
    events.connect(endpoint);
    // The socket moves to the reader thread: libzmq allows that with the full memory barrier
    // that starting a thread implies, and from then on only the reader touches it.
    reader_ =
        std::thread(&SocketMonitor::read_events, std::move(events), socket_handle, std::ref(out));
  } catch (...) {
    zmq_socket_monitor(monitored.handle(), nullptr, 0);
    throw;
  }
}

SocketMonitor::~SocketMonitor() {
  // stop() normally joined already; joining here too keeps a thread from outliving its owner.
  if (reader_.joinable()) reader_.join();
}

void SocketMonitor::stop(zmq::socket_t& monitored) {
  if (!reader_.joinable()) return;
  if (zmq_socket_monitor(monitored.handle(), nullptr, 0) != 0 && zmq_errno() != ETERM) {
    // Nothing will wake the reader: leave it rather than hang the socket's actor. It ends with
    // the context (ETERM) or the process.
    std::fprintf(stderr, "zconform-agent-libzmq: stopping the monitor failed: %s\n",
                 zmq_strerror(zmq_errno()));
    reader_.detach();
    return;
  }
  reader_.join();
}

void SocketMonitor::read_events(zmq::socket_t events, std::string socket_handle, LineWriter& out) {
  for (;;) {
    // Each event is two frames: 6 bytes (uint16 event, uint32 value, native byte order),
    // then the endpoint it concerns.
    zmq::message_t header;
    zmq::message_t endpoint;
    int error = receive_frame(events, header);
    if (error == 0 && header.more()) error = receive_frame(events, endpoint);
    if (error != 0) {
      // ETERM: the context is terminating; the socket must close for ctx_term to finish.
      if (error != ETERM) {
        std::fprintf(stderr, "zconform-agent-libzmq: monitor of %s stopped: %s\n",
                     socket_handle.c_str(), zmq_strerror(error));
      }
      return;
    }
    if (header.size() < sizeof(uint16_t) + sizeof(uint32_t)) {
      std::fprintf(stderr, "zconform-agent-libzmq: monitor of %s: short event frame ignored\n",
                   socket_handle.c_str());
      continue;
    }
    uint16_t event = 0;
    uint32_t value = 0;
    std::memcpy(&event, header.data(), sizeof event);
    std::memcpy(&value, header.data<char>() + sizeof event, sizeof value);
    try {
      out.write_line(protocol::encode_event("monitor", Json{{"socket", socket_handle},
                                                            {"name", event_name(event)},
                                                            {"value", value},
                                                            {"endpoint", endpoint.to_string()}}));
    } catch (const std::exception& error) {
      // An exception must not escape a thread (that would abort the agent); e.g. an endpoint
      // that is not UTF-8 cannot be put in JSON.
      std::fprintf(stderr, "zconform-agent-libzmq: monitor event of %s dropped: %s\n",
                   socket_handle.c_str(), error.what());
    }
    if (event == ZMQ_EVENT_MONITOR_STOPPED) return;
  }
}

}  // namespace zconform::libzmq_agent
