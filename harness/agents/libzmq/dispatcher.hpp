#pragma once
// Routes each request line to where it runs: socket operations to the socket's actor, ctx_term,
// poll and proxy to threads of their own (they block), and the quick
// operations (hello, ctx_new, ctx_shutdown) inline. Called from the stdin reader thread only, so
// the actor table needs no lock.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "context_registry.hpp"
#include "line_writer.hpp"
#include "protocol/messages.hpp"
#include "socket_actor.hpp"
#include "zap_handler.hpp"

namespace zconform::libzmq_agent {

class Dispatcher {
 public:
  explicit Dispatcher(LineWriter& out) : out_(out) {}

  // Never throws: every failure becomes a reply, or a diagnostic on stderr when the line has no
  // usable id to reply to.
  void dispatch(std::string_view line);

 private:
  void route(protocol::Request request);
  void open_socket(const protocol::Request& request);
  void forward_to_socket(protocol::Request request);
  void terminate_context_in_background(const protocol::Request& request);
  // poll and proxy: the sockets they name are borrowed from their actors (borrowed_sockets.hpp)
  // and the operation runs on a thread of its own.
  void borrow_sockets_in_background(const protocol::Request& request);
  // zap_handler: a handler per context (zap_handler.hpp); finished ones are forgotten here.
  protocol::Json start_zap_handler(const protocol::Json& args);
  std::shared_ptr<ZapHandler> find_zap_handler(const protocol::Json& args) const;  // by "ctx"
  // zap_release waits until a held answer exists: on a thread of its own, like ctx_term.
  void release_zap_answers_in_background(const protocol::Request& request);
  // Joins the threads of closed sockets and forgets their handles (they then answer ENOTSOCK).
  void reap_finished_actors();

  LineWriter& out_;
  // Shared with the ctx_term threads, which may outlive any particular request.
  std::shared_ptr<ContextRegistry> contexts_ = std::make_shared<ContextRegistry>();
  std::map<std::string, std::unique_ptr<SocketActor>> actors_;
  uint64_t next_socket_number_ = 1;
  // By context handle; kept after the context ends so zap_requests can still read the requests.
  std::map<std::string, std::shared_ptr<ZapHandler>> zap_handlers_;
};

}  // namespace zconform::libzmq_agent
