#pragma once
// A socket lent by its actor to another thread for one operation over several sockets (zmq_poll,
// zmq_proxy), which a thread per socket cannot do. libzmq allows a socket to move between threads
// with a full memory barrier in between; the loan's mutex is that barrier. While a socket is lent
// its actor waits, so requests that name it queue behind the loan and run once it comes back.
#include <condition_variable>
#include <mutex>

namespace zconform::libzmq_agent {

class SocketLoan {
 public:
  // The actor's side: hands `socket` over and blocks until the borrower gives it back.
  void lend(void* socket);
  // The actor's side when its socket is already closed: the borrower learns it gets nothing.
  void refuse();

  // The borrower's side: the socket once lent, or nullptr when the actor refused (closed).
  void* await_socket();
  // The borrower's side: hands the socket back; the actor resumes.
  void give_back();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  void* socket_ = nullptr;
  bool answered_ = false;  // lent or refused
  bool returned_ = false;
};

}  // namespace zconform::libzmq_agent
