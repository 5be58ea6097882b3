#include "socket_actor.hpp"

#include <zmq.h>

#include "errors.hpp"

namespace zconform::libzmq_agent {

namespace {

std::string not_a_socket(uint64_t id, const std::string& handle) {
  return reply_line(
      id, [&]() -> protocol::Json { throw ZmqError(ENOTSOCK, "socket " + handle + " is closed"); });
}

}  // namespace

SocketActor::SocketActor(std::string handle, std::shared_ptr<ContextEntry> context,
                         const SocketTypeSpec& type, uint64_t open_request_id, LineWriter& out)
    : handle_(handle),
      out_(out),
      session_(std::move(handle), std::move(context), out),
      thread_(&SocketActor::run, this, std::cref(type), open_request_id) {}

SocketActor::~SocketActor() {
  if (thread_.joinable()) thread_.join();
}

bool SocketActor::post(protocol::Request request) {
  {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    queue_.push_back(std::move(request));
  }
  queued_.notify_one();
  return true;
}

void SocketActor::lend(std::shared_ptr<SocketLoan> loan) {
  {
    std::lock_guard lock(mutex_);
    if (!closed_) {
      queue_.push_back(std::move(loan));
      queued_.notify_one();
      return;
    }
  }
  loan->refuse();
}

bool SocketActor::finished() const {
  std::lock_guard lock(mutex_);
  return finished_;
}

void SocketActor::run(const SocketTypeSpec& type, uint64_t open_request_id) {
  out_.write_line(reply_line(open_request_id, [&] { return session_.open(type); }));
  while (session_.is_open()) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [this] { return !queue_.empty(); });
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    if (auto* loan = std::get_if<std::shared_ptr<SocketLoan>>(&job)) {
      (*loan)->lend(session_.raw_socket());
      continue;
    }
    const auto& request = std::get<protocol::Request>(job);
    out_.write_line(reply_line(request.id, [&] { return session_.execute(request); }));
  }
  refuse_remaining();
}

void SocketActor::refuse_remaining() {
  std::deque<Job> left;
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    left.swap(queue_);
  }
  for (const Job& job : left) {
    if (auto* loan = std::get_if<std::shared_ptr<SocketLoan>>(&job)) {
      (*loan)->refuse();
    } else {
      out_.write_line(not_a_socket(std::get<protocol::Request>(job).id, handle_));
    }
  }
  std::lock_guard lock(mutex_);
  finished_ = true;
}

}  // namespace zconform::libzmq_agent
