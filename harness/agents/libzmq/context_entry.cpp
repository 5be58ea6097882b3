#include "context_entry.hpp"

#include <zmq.h>

namespace zconform::libzmq_agent {

ContextEntry::Borrow::Borrow(ContextEntry& entry) : entry_(entry) {
  std::lock_guard lock(entry_.mutex_);
  if (entry_.terminating_) throw ZmqError(ETERM, "context " + entry_.handle_ + " is terminating");
  ++entry_.borrows_;
}

ContextEntry::Borrow::~Borrow() {
  std::lock_guard lock(entry_.mutex_);
  if (--entry_.borrows_ == 0) entry_.borrows_ended_.notify_all();
}

void ContextEntry::shutdown() {
  try {
    with_context([](zmq::context_t& context) { context.shutdown(); });
  } catch (const ZmqError& error) {
    if (error.number() != ETERM) throw;
  }
}

void ContextEntry::terminate() {
  {
    std::unique_lock lock(mutex_);
    if (terminating_) throw ZmqError(EFAULT, "context " + handle_ + " is already terminating");
    terminating_ = true;
    borrows_ended_.wait(lock, [this] { return borrows_ == 0; });
  }
  // No one can borrow the context any more, so it is ours to free. close() retries EINTR.
  context_.close();
}

}  // namespace zconform::libzmq_agent
