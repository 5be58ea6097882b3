#pragma once
// curve_keypair and curve_public (PROTOCOL.md): libzmq's zmq_curve_keypair and zmq_curve_public,
// keys in their Z85 text as the API gives them (CURVE-04).
#include "protocol/messages.hpp"

namespace zconform::libzmq_agent {

protocol::Json curve_keypair();                           // -> public, secret
protocol::Json curve_public(const protocol::Json& args);  // secret -> public

}  // namespace zconform::libzmq_agent
