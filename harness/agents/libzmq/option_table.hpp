#pragma once
// The socket options the agent knows, by protocol name (libzmq's without ZMQ_, lower case), with
// the libzmq constant and how the value travels in JSON. One table drives setsockopt,
// getsockopt and the `options` capability, so they cannot disagree.
#include <span>
#include <string_view>

namespace zconform::libzmq_agent {

enum class OptionKind {
  integer,    // JSON integer <-> C int
  integer64,  // JSON integer <-> int64_t (maxmsgsize, affinity)
  boolean,    // JSON true/false <-> C int 0/1
  binary,     // base64 string <-> bytes (routing ids, subscriptions)
  text,       // JSON string <-> C string (endpoints, names)
};

struct OptionSpec {
  std::string_view name;
  int zmq_option;
  OptionKind kind;
};

std::span<const OptionSpec> all_options();
const OptionSpec* find_option(std::string_view name);  // nullptr when unknown

}  // namespace zconform::libzmq_agent
