// The fuzz process's ZAP handler (RFC 27): a ROUTER bound to inproc://zeromq.zap.01 in the
// context of the fuzzed sockets, served from the connection's own poll loop (no thread), so that
// each request gets the answer of the input that caused it.
#pragma once

#include "common/zap_answer.hpp"

namespace zconform::fuzz {

class ZapHandler {
 public:
  explicit ZapHandler(void* context);
  ~ZapHandler();
  ZapHandler(const ZapHandler&) = delete;
  ZapHandler& operator=(const ZapHandler&) = delete;

  void* socket() const { return socket_; }
  // Answers every request waiting with `answer`; aborts (a finding) on a request that is not
  // RFC 27's: version "1.0", a request id, a domain, an address, an identity, a mechanism.
  void answer_waiting(const ZapAnswer& answer);

 private:
  void* socket_;
};

}  // namespace zconform::fuzz
