#include "z85_operation.hpp"

#include <zmq.h>

#include <cerrno>
#include <string>

#include "errors.hpp"
#include "protocol/base64.hpp"
#include "request_fields.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

Json z85_encode(const Json& args) {
  auto data = protocol::base64_decode(required_string(args, "data"));
  if (!data) throw BadRequest("field 'data' is not base64");
  // zmq_z85_encode writes size * 5 / 4 characters and a terminating zero, or fails (NULL) when
  // the size is no multiple of 4.
  std::string text(data->size() * 5 / 4 + 1, '\0');
  const auto* in = reinterpret_cast<const uint8_t*>(data->data());
  if (zmq_z85_encode(text.data(), in, data->size()) == nullptr)
    throw ZmqError(EINVAL, "zmq_z85_encode refused " + std::to_string(data->size()) + " octets");
  text.pop_back();
  return Json{{"text", text}};
}

Json z85_decode(const Json& args) {
  const std::string text = required_string(args, "text");
  // zmq_z85_decode writes length * 4 / 5 octets, or fails (NULL) on a length that is no multiple
  // of 5 or a character outside the alphabet.
  std::string data(text.size() * 4 / 5 + 1, '\0');
  if (zmq_z85_decode(reinterpret_cast<uint8_t*>(data.data()), text.c_str()) == nullptr)
    throw ZmqError(EINVAL, "zmq_z85_decode refused \"" + text + "\"");
  data.resize(text.size() * 4 / 5);
  return Json{{"data", protocol::base64_encode(data)}};
}

}  // namespace zconform::libzmq_agent
