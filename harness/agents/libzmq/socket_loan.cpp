#include "socket_loan.hpp"

namespace zconform::libzmq_agent {

void SocketLoan::lend(void* socket) {
  std::unique_lock lock(mutex_);
  socket_ = socket;
  answered_ = true;
  changed_.notify_all();
  changed_.wait(lock, [this] { return returned_; });
}

void SocketLoan::refuse() {
  std::lock_guard lock(mutex_);
  answered_ = true;
  changed_.notify_all();
}

void* SocketLoan::await_socket() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return answered_; });
  return socket_;
}

void SocketLoan::give_back() {
  std::lock_guard lock(mutex_);
  returned_ = true;
  changed_.notify_all();
}

}  // namespace zconform::libzmq_agent
