#pragma once
// The `hello` reply: who we are and what this libzmq can do.
#include "protocol/messages.hpp"

namespace zconform::libzmq_agent {

protocol::Json hello_result();

}  // namespace zconform::libzmq_agent
