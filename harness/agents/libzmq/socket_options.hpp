#pragma once
// setsockopt / getsockopt by table entry: converts between the protocol's JSON value and the C
// buffer libzmq expects for the option's kind.
#include <zmq.hpp>

#include "option_table.hpp"
#include "protocol/messages.hpp"

namespace zconform::libzmq_agent {

// A JSON value of the wrong type throws ZmqError(EINVAL) naming the option; libzmq's own
// refusals throw its errno.
void set_socket_option(zmq::socket_t& socket, const OptionSpec& option,
                       const protocol::Json& value);
protocol::Json get_socket_option(zmq::socket_t& socket, const OptionSpec& option);

}  // namespace zconform::libzmq_agent
