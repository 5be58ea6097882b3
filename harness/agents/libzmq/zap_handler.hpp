#pragma once
// The ZAP handler an agent runs for a scenario (RFC 27, PROTOCOL.md "ZAP handler"): a ROUTER bound
// to inproc://zeromq.zap.01 in one context, on a thread of its own, answering as the scenario's
// answers say and keeping every request it saw. A ROUTER rather than a REP, so a `silent` or `hold`
// answer can leave one request unanswered while later ones are still served. It ends when its
// context is shut down or terminated (ETERM), closing its sockets so that zmq_ctx_term can return.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "context_entry.hpp"
#include "protocol/messages.hpp"
#include "zap_answers.hpp"

namespace zconform::libzmq_agent {

class ZapHandler {
 public:
  // Returns once the handler is bound; throws ZmqError when it cannot be (EADDRINUSE: the
  // context has a handler already; ETERM: the context is ending).
  ZapHandler(std::shared_ptr<ContextEntry> context, std::vector<ZapAnswer> answers);
  ~ZapHandler();  // joins the thread: only once finished(), or it waits for the context's end
  ZapHandler(const ZapHandler&) = delete;
  ZapHandler& operator=(const ZapHandler&) = delete;

  protocol::Json requests() const;  // every request's record, in arrival order
  // zap_release: waits (up to `timeout`) until at least one answer is held, then has the handler
  // send every held answer. Returns how many it released; 0 when none came in time.
  size_t release(std::chrono::milliseconds timeout);
  bool finished() const { return finished_; }

 private:
  void serve(zmq::socket_t socket, zmq::socket_t wakeup);
  void send_held(zmq::socket_t& socket);

  std::shared_ptr<ContextEntry> context_;
  const std::vector<ZapAnswer> answers_;
  const std::string wakeup_endpoint_;  // inproc: a release wakes the handler's poll
  mutable std::mutex mutex_;
  std::condition_variable held_changed_;
  protocol::Json requests_ = protocol::Json::array();
  std::vector<protocol::Frames> held_;  // whole replies, envelope included
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

}  // namespace zconform::libzmq_agent
