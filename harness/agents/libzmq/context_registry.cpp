#include "context_registry.hpp"

#include <zmq.h>

#include <array>
#include <climits>

#include "errors.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

namespace {

struct ContextOption {
  const char* name;
  zmq::ctxopt option;
  bool is_boolean;
};

constexpr std::array kContextOptions{
    ContextOption{"io_threads", zmq::ctxopt::io_threads, false},
    ContextOption{"max_sockets", zmq::ctxopt::max_sockets, false},
    ContextOption{"blocky", zmq::ctxopt::blocky, true},
    ContextOption{"ipv6", zmq::ctxopt::ipv6, true},
};

int context_option_value(const ContextOption& option, const Json& value) {
  if (option.is_boolean) {
    if (!value.is_boolean()) {
      throw ZmqError(EINVAL,
                     std::string("context option '") + option.name + "' takes true or false");
    }
    return value.get<bool>() ? 1 : 0;
  }
  if (!value.is_number_integer() || value.get<int64_t>() < INT_MIN ||
      value.get<int64_t>() > INT_MAX ||
      (value.is_number_unsigned() && value.get<uint64_t>() > INT_MAX)) {
    throw ZmqError(EINVAL, std::string("context option '") + option.name + "' takes an integer");
  }
  return value.get<int>();
}

void apply_context_options(zmq::context_t& context, const Json& options) {
  if (!options.is_object()) throw BadRequest("field 'options' must be an object");
  for (const auto& [name, value] : options.items()) {
    const ContextOption* known = nullptr;
    for (const ContextOption& option : kContextOptions) {
      if (name == option.name) known = &option;
    }
    if (known == nullptr) throw Unsupported("context option '" + name + "' is not supported");
    // Throws zmq::error_t with libzmq's errno if it refuses the value.
    context.set(known->option, context_option_value(*known, value));
  }
}

}  // namespace

std::shared_ptr<ContextEntry> ContextRegistry::create(const Json* options) {
  // A context that fails its options is dropped here; with no sockets its close() is immediate.
  zmq::context_t context;
  if (options != nullptr && !options->is_null()) apply_context_options(context, *options);
  std::lock_guard lock(mutex_);
  std::string handle = "c" + std::to_string(next_number_++);
  auto entry = std::make_shared<ContextEntry>(handle, std::move(context));
  contexts_.emplace(handle, entry);
  return entry;
}

std::shared_ptr<ContextEntry> ContextRegistry::find(const std::string& handle) const {
  std::lock_guard lock(mutex_);
  auto it = contexts_.find(handle);
  if (it == contexts_.end()) throw ZmqError(EFAULT, "no live context '" + handle + "'");
  return it->second;
}

void ContextRegistry::forget(const std::string& handle) {
  std::lock_guard lock(mutex_);
  contexts_.erase(handle);
}

}  // namespace zconform::libzmq_agent
