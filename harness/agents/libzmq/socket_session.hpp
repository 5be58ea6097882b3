#pragma once
// Everything one socket handle can do, executed on its actor's thread: the zmq socket is created,
// used and closed by that one thread only (libzmq sockets are not thread safe).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <zmq.hpp>

#include "context_entry.hpp"
#include "line_writer.hpp"
#include "protocol/messages.hpp"
#include "socket_monitor.hpp"
#include "socket_types.hpp"

namespace zconform::libzmq_agent {

class SocketSession {
 public:
  SocketSession(std::string handle, std::shared_ptr<ContextEntry> context, LineWriter& out)
      : handle_(std::move(handle)), context_(std::move(context)), out_(out) {}

  // True for the operations that name a socket and run on its actor (all but `socket`).
  static bool handles(std::string_view op);

  // The `socket` operation. Throws on failure, after which the session stays closed.
  protocol::Json open(const SocketTypeSpec& type);

  // Any operation handles() accepts; returns the ok result, throws on failure.
  protocol::Json execute(const protocol::Request& request);

  bool is_open() const { return socket_.has_value(); }
  // The zmq socket itself, for a loan (socket_loan.hpp); nullptr once closed.
  void* raw_socket() { return socket_ ? socket_->handle() : nullptr; }

 private:
  protocol::Json close();
  protocol::Json start_monitor();
  protocol::Json send(const protocol::Json& args);
  protocol::Json receive(const protocol::Json& args);
  protocol::Json receive_into(const protocol::Json& args);
  protocol::Json group_call(const std::string& op, const protocol::Json& args);

  const std::string handle_;
  const std::shared_ptr<ContextEntry> context_;
  LineWriter& out_;
  std::optional<zmq::socket_t> socket_;
  std::string type_;  // its type's name: which draft properties its messages carry
  std::unique_ptr<SocketMonitor> monitor_;
};

}  // namespace zconform::libzmq_agent
