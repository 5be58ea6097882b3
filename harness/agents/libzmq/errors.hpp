#pragma once
// How a request fails. Handlers throw; reply_line() is the one place that turns the outcome of a
// request into exactly one reply line, so no exception can escape a request and kill the agent.
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "protocol/messages.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

// The request itself is malformed (a field missing or of the wrong JSON type): EBADREQUEST.
class BadRequest : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The implementation cannot do this (unknown op, socket type, option): status "unsupported".
class Unsupported : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// libzmq (or the agent acting as libzmq would) reported an errno.
class ZmqError : public std::runtime_error {
 public:
  // The message is zmq_strerror(number), followed by `detail` when given.
  explicit ZmqError(int number, const std::string& detail = {});
  int number() const { return number_; }

 private:
  int number_;
};

// Runs `operation` and encodes its result as an ok reply, or its exception as an error or
// unsupported reply.
std::string reply_line(uint64_t id, const std::function<Json()>& operation);

// The error or unsupported reply for the exception being handled; call it inside a catch block.
std::string reply_for_current_exception(uint64_t id);

}  // namespace zconform::libzmq_agent
