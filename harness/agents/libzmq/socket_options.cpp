#include "socket_options.hpp"

#include <zmq.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <string>

#include "errors.hpp"
#include "protocol/base64.hpp"
#include "protocol/option_types.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

namespace {

// Routing ids are at most 255 bytes; endpoints and names stay well under this.
constexpr size_t kMaxOptionBytes = 4096;

[[noreturn]] void reject_value(const OptionSpec& option, const char* expected) {
  throw ZmqError(EINVAL, "option '" + std::string(option.name) + "' takes " + expected);
}

void set_raw(zmq::socket_t& socket, const OptionSpec& option, const void* data, size_t size) {
  if (zmq_setsockopt(socket.handle(), option.zmq_option, data, size) != 0) {
    throw ZmqError(zmq_errno(), "setsockopt " + std::string(option.name));
  }
}

void get_raw(zmq::socket_t& socket, const OptionSpec& option, void* data, size_t* size) {
  if (zmq_getsockopt(socket.handle(), option.zmq_option, data, size) != 0) {
    throw ZmqError(zmq_errno(), "getsockopt " + std::string(option.name));
  }
}

int64_t integer_value(const OptionSpec& option, const Json& value, int64_t min, int64_t max) {
  if (!value.is_number_integer()) reject_value(option, "an integer");
  if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(max)) {
    reject_value(option, "an integer in range");
  }
  int64_t number = value.get<int64_t>();
  if (number < min || number > max) reject_value(option, "an integer in range");
  return number;
}

}  // namespace

void set_socket_option(zmq::socket_t& socket, const OptionSpec& option, const Json& value) {
  switch (option.kind) {
    case OptionKind::integer: {
      int number = static_cast<int>(integer_value(option, value, INT_MIN, INT_MAX));
      set_raw(socket, option, &number, sizeof number);
      return;
    }
    case OptionKind::integer64: {
      int64_t number = integer_value(option, value, INT64_MIN, INT64_MAX);
      set_raw(socket, option, &number, sizeof number);
      return;
    }
    case OptionKind::boolean: {
      if (!value.is_boolean()) reject_value(option, "true or false");
      int flag = value.get<bool>() ? 1 : 0;
      set_raw(socket, option, &flag, sizeof flag);
      return;
    }
    case OptionKind::binary: {
      std::optional<std::string> bytes;
      if (value.is_string()) bytes = protocol::base64_decode(value.get_ref<const std::string&>());
      if (!bytes) reject_value(option, "a base64 string");
      set_raw(socket, option, bytes->data(), bytes->size());
      return;
    }
    case OptionKind::text: {
      if (!value.is_string()) reject_value(option, "a string");
      const std::string& text = value.get_ref<const std::string&>();
      set_raw(socket, option, text.data(), text.size());
      return;
    }
  }
}

Json get_socket_option(zmq::socket_t& socket, const OptionSpec& option) {
  switch (option.kind) {
    case OptionKind::integer:
    case OptionKind::boolean: {
      int number = 0;
      size_t size = sizeof number;
      get_raw(socket, option, &number, &size);
      if (option.kind == OptionKind::boolean) return number != 0;
      return number;
    }
    case OptionKind::integer64: {
      int64_t number = 0;
      size_t size = sizeof number;
      get_raw(socket, option, &number, &size);
      return number;
    }
    case OptionKind::binary:
    case OptionKind::text: {
      std::array<char, kMaxOptionBytes> buffer{};
      // libzmq answers a CURVE key in the form the buffer's size asks for: 32 for the octets.
      size_t size = protocol::is_curve_key_option(option.name) ? 32 : buffer.size();
      get_raw(socket, option, buffer.data(), &size);
      std::string bytes(buffer.data(), size);
      if (option.kind == OptionKind::binary) return protocol::base64_encode(bytes);
      // libzmq counts the terminating NUL of string options in `size`.
      if (!bytes.empty() && bytes.back() == '\0') bytes.pop_back();
      return bytes;
    }
  }
  return nullptr;
}

}  // namespace zconform::libzmq_agent
