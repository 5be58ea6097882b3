#include "borrowed_sockets.hpp"

#include <cerrno>

#include "errors.hpp"

namespace zconform::libzmq_agent {

BorrowedSockets::BorrowedSockets(
    const std::vector<std::string>& handles,
    const std::map<std::string, std::unique_ptr<SocketActor>>& actors) {
  for (const std::string& handle : handles) {
    if (loans_.count(handle)) continue;  // one loan per socket: a second would never be served
    auto loan = std::make_shared<SocketLoan>();
    loans_[handle] = loan;
    auto actor = actors.find(handle);
    if (actor == actors.end()) {
      loan->refuse();
    } else {
      actor->second->lend(loan);
    }
  }
}

BorrowedSockets::~BorrowedSockets() {
  for (auto& [handle, loan] : loans_) loan->give_back();
}

void BorrowedSockets::await_all() {
  for (auto& [handle, loan] : loans_) {
    void* socket = loan->await_socket();
    if (socket == nullptr) throw ZmqError(ENOTSOCK, "no open socket '" + handle + "'");
    sockets_[handle] = socket;
  }
}

void* BorrowedSockets::socket(const std::string& handle) const { return sockets_.at(handle); }

}  // namespace zconform::libzmq_agent
