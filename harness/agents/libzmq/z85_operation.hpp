#pragma once
// z85_encode and z85_decode (PROTOCOL.md): libzmq's zmq_z85_encode/zmq_z85_decode (RFC 32).
#include "protocol/messages.hpp"

namespace zconform::libzmq_agent {

protocol::Json z85_encode(const protocol::Json& args);  // data (base64) -> text
protocol::Json z85_decode(const protocol::Json& args);  // text -> data (base64)

}  // namespace zconform::libzmq_agent
