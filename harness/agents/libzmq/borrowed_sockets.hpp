#pragma once
// The sockets one multi-socket operation (poll, proxy) borrows from their actors, by handle.
// Loans are queued on the dispatcher thread, in request order, so the operation sees every effect
// of the requests sent before it; the operation then runs on a thread of its own, since it may
// block (zmq_proxy until its context ends, zmq_poll up to its timeout).
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "socket_actor.hpp"
#include "socket_loan.hpp"

namespace zconform::libzmq_agent {

class BorrowedSockets {
 public:
  // Queues one loan per distinct handle; a handle with no actor is refused at once.
  BorrowedSockets(const std::vector<std::string>& handles,
                  const std::map<std::string, std::unique_ptr<SocketActor>>& actors);
  BorrowedSockets(const BorrowedSockets&) = delete;
  BorrowedSockets& operator=(const BorrowedSockets&) = delete;
  ~BorrowedSockets();  // gives every socket back

  // On the operation's thread: waits for every loan; throws ENOTSOCK naming a closed socket.
  void await_all();
  void* socket(const std::string& handle) const;  // after await_all()

 private:
  std::map<std::string, std::shared_ptr<SocketLoan>> loans_;
  std::map<std::string, void*> sockets_;
};

}  // namespace zconform::libzmq_agent
