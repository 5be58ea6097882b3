#pragma once
// The `monitor` operation: libzmq publishes a socket's events on an inproc PAIR endpoint; a
// reader thread with its own PAIR socket turns each into a monitor event line.
#include <string>
#include <thread>
#include <zmq.hpp>

#include "context_entry.hpp"
#include "line_writer.hpp"

namespace zconform::libzmq_agent {

class SocketMonitor {
 public:
  // Starts monitoring `monitored`; called on the thread that owns it. Throws ZmqError.
  SocketMonitor(zmq::socket_t& monitored, const std::string& socket_handle, ContextEntry& context,
                LineWriter& out);
  SocketMonitor(const SocketMonitor&) = delete;
  SocketMonitor& operator=(const SocketMonitor&) = delete;
  ~SocketMonitor();

  // Ends the event stream before `monitored` is closed: libzmq stops monitoring and sends
  // MONITOR_STOPPED, on which the reader ends, and the reader is joined so every event line is
  // out before the close reply. If the context is terminating, the reader ends on ETERM instead.
  void stop(zmq::socket_t& monitored);

 private:
  static void read_events(zmq::socket_t events, std::string socket_handle, LineWriter& out);

  std::thread reader_;
};

}  // namespace zconform::libzmq_agent
