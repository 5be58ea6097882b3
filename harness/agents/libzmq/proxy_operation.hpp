#pragma once
// The `proxy` operation: zmq_proxy, or zmq_proxy_steerable when a control socket is named,
// between sockets the agent holds (PROTOCOL.md). Blocks until the proxy ends.
#include <string>
#include <vector>

#include "borrowed_sockets.hpp"
#include "protocol/messages.hpp"

namespace zconform::libzmq_agent {

// frontend, backend, then capture and control where given (checks the request's shape).
std::vector<std::string> proxy_handles(const protocol::Json& args);
// Runs the proxy; an empty result when it ended by TERMINATE, else the errno it returned.
protocol::Json run_proxy(const protocol::Json& args, const BorrowedSockets& sockets);

}  // namespace zconform::libzmq_agent
