#pragma once
// One context handle ("c1"). Socket actors borrow the raw context to create sockets while a
// ctx_term may run on another thread; zmq_ctx_term frees the context when it returns, so every
// borrow is counted and termination first waits until no borrow is in flight.
#include <condition_variable>
#include <mutex>
#include <string>
#include <zmq.hpp>

#include "errors.hpp"

namespace zconform::libzmq_agent {

class ContextEntry {
 public:
  ContextEntry(std::string handle, zmq::context_t context)
      : handle_(std::move(handle)), context_(std::move(context)) {}
  ContextEntry(const ContextEntry&) = delete;
  ContextEntry& operator=(const ContextEntry&) = delete;

  const std::string& handle() const { return handle_; }

  // Runs `use` with the live context (it must not block: ctx_term waits for it). Once
  // termination has begun this throws ETERM, as zmq_socket() on a terminating context does.
  template <typename Use>
  auto with_context(Use&& use) {
    Borrow borrow(*this);
    return use(context_);
  }

  // zmq_ctx_shutdown: wakes blocked calls on the context's sockets with ETERM. A no-op when
  // termination has already begun, which implies shutdown.
  void shutdown();

  // zmq_ctx_term: blocks until every socket of the context is closed. Throws EFAULT when a
  // termination is already under way (the context must not be terminated twice).
  void terminate();

 private:
  class Borrow {
   public:
    explicit Borrow(ContextEntry& entry);
    ~Borrow();

   private:
    ContextEntry& entry_;
  };

  const std::string handle_;
  std::mutex mutex_;
  std::condition_variable borrows_ended_;
  int borrows_ = 0;
  bool terminating_ = false;
  zmq::context_t context_;
};

}  // namespace zconform::libzmq_agent
