#pragma once
// The live contexts by handle. Shared by the request reader (ctx_new, lookups) and the ctx_term
// threads (which forget a context once it is terminated), hence the mutex.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "context_entry.hpp"
#include "protocol/messages.hpp"

namespace zconform::libzmq_agent {

class ContextRegistry {
 public:
  // ctx_new: `options` is the request's optional "options" object (io_threads, max_sockets,
  // blocky, ipv6). An unknown option is Unsupported, a bad value EINVAL.
  std::shared_ptr<ContextEntry> create(const protocol::Json* options);

  // Throws EFAULT for a handle that never existed or whose context is terminated.
  std::shared_ptr<ContextEntry> find(const std::string& handle) const;

  void forget(const std::string& handle);

 private:
  mutable std::mutex mutex_;
  uint64_t next_number_ = 1;
  std::map<std::string, std::shared_ptr<ContextEntry>> contexts_;
};

}  // namespace zconform::libzmq_agent
