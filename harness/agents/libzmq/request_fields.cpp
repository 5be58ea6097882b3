#include "request_fields.hpp"

#include "errors.hpp"

namespace zconform::libzmq_agent {

namespace {

const Json* find_present(const Json& args, const char* field) {
  auto it = args.find(field);
  if (it == args.end() || it->is_null()) return nullptr;
  return &*it;
}

[[noreturn]] void reject(const char* field, const char* expected) {
  throw BadRequest(std::string("field '") + field + "' must be " + expected);
}

}  // namespace

const Json& required_field(const Json& args, const char* field) {
  const Json* value = find_present(args, field);
  if (value == nullptr) throw BadRequest(std::string("field '") + field + "' is missing");
  return *value;
}

std::string required_string(const Json& args, const char* field) {
  const Json& value = required_field(args, field);
  if (!value.is_string()) reject(field, "a string");
  return value.get<std::string>();
}

std::optional<int64_t> optional_integer(const Json& args, const char* field) {
  const Json* value = find_present(args, field);
  if (value == nullptr) return std::nullopt;
  // Unsigned values above INT64_MAX would wrap; they are no sensible timeout either.
  if (!value->is_number_integer() ||
      (value->is_number_unsigned() && value->get<uint64_t>() > INT64_MAX)) {
    reject(field, "an integer");
  }
  return value->get<int64_t>();
}

bool optional_bool(const Json& args, const char* field, bool fallback) {
  const Json* value = find_present(args, field);
  if (value == nullptr) return fallback;
  if (!value->is_boolean()) reject(field, "true or false");
  return value->get<bool>();
}

}  // namespace zconform::libzmq_agent
