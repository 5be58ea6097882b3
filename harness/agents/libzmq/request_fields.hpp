#pragma once
// Typed access to a request's arguments. A missing field or one of the wrong JSON type throws
// BadRequest naming the field, which becomes an EBADREQUEST reply.
#include <cstdint>
#include <optional>
#include <string>

#include "protocol/messages.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

const Json& required_field(const Json& args, const char* field);
std::string required_string(const Json& args, const char* field);
// Absent or null fields give nullopt / the fallback: the protocol marks them optional.
std::optional<int64_t> optional_integer(const Json& args, const char* field);
bool optional_bool(const Json& args, const char* field, bool fallback);

}  // namespace zconform::libzmq_agent
