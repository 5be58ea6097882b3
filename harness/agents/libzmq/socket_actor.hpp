#pragma once
// One thread per socket handle, fed by a queue: requests naming the same socket run in the order
// received, while a recv blocked on one socket holds up nothing else. The thread ends once its
// socket is closed (or could not be created).
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <variant>

#include "context_entry.hpp"
#include "line_writer.hpp"
#include "protocol/messages.hpp"
#include "socket_loan.hpp"
#include "socket_session.hpp"
#include "socket_types.hpp"

namespace zconform::libzmq_agent {

class SocketActor {
 public:
  // Starts the thread, whose first job is to create the socket and answer the `socket` request
  // `open_request_id`.
  SocketActor(std::string handle, std::shared_ptr<ContextEntry> context, const SocketTypeSpec& type,
              uint64_t open_request_id, LineWriter& out);
  SocketActor(const SocketActor&) = delete;
  SocketActor& operator=(const SocketActor&) = delete;
  ~SocketActor();  // joins; only call once finished() or at a point where blocking is fine

  // Queues a request. False once the socket is closed: the caller then answers ENOTSOCK.
  bool post(protocol::Request request);
  // Queues a loan of the socket (socket_loan.hpp), served in turn with the requests; refused
  // (at once or when its turn comes) once the socket is closed.
  void lend(std::shared_ptr<SocketLoan> loan);

  // True once the thread has nothing left to do and join() returns at once.
  bool finished() const;

 private:
  void run(const SocketTypeSpec& type, uint64_t open_request_id);
  // Marks the actor closed and answers whatever was still queued behind the close.
  void refuse_remaining();

  const std::string handle_;
  LineWriter& out_;
  SocketSession session_;

  mutable std::mutex mutex_;
  std::condition_variable queued_;
  using Job = std::variant<protocol::Request, std::shared_ptr<SocketLoan>>;
  std::deque<Job> queue_;
  bool closed_ = false;    // no more requests are accepted
  bool finished_ = false;  // the thread is about to return
  std::thread thread_;     // last member: it starts after everything it uses exists
};

}  // namespace zconform::libzmq_agent
