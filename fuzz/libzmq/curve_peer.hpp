// A CURVE client's side of a live connection to a libzmq CURVE server (RFC 26), for the engine
// target: the input cannot hold the handshake, since INITIATE carries the cookie that libzmq
// makes per connection. The keys are zmq_curve(7)'s test keys, the server's known to both ends.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/conversation.hpp"

namespace zconform::fuzz {

// Greeting and HELLO; on WELCOME, INITIATE with the script's metadata; on READY (or anything
// else), every frame of the script's stream sealed in a MESSAGE, then what is left of it (a frame
// cut off, or one whose size no receiver holds) as it is. Nothing after a WELCOME that does not
// open.
std::unique_ptr<Conversation> curve_conversation(const ZmtpScript& script);

// The server's secret key for libzmq's side (Z85, 40 characters).
std::string_view curve_server_secret();

}  // namespace zconform::fuzz
