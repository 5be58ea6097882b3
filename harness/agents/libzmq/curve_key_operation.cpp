#include "curve_key_operation.hpp"

#include <zmq.h>

#include "errors.hpp"
#include "request_fields.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

Json curve_keypair() {
  char public_key[41] = {};
  char secret_key[41] = {};
  // ENOTSUP when libzmq was built without CURVE: the case then reports it.
  if (zmq_curve_keypair(public_key, secret_key) != 0) throw ZmqError(zmq_errno());
  return Json{{"public", public_key}, {"secret", secret_key}};
}

Json curve_public(const Json& args) {
  const std::string secret = required_string(args, "secret");
  char public_key[41] = {};
  if (zmq_curve_public(public_key, secret.c_str()) != 0) throw ZmqError(zmq_errno());
  return Json{{"public", public_key}};
}

}  // namespace zconform::libzmq_agent
