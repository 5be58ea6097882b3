#pragma once
// The `poll` operation: zmq_poll over sockets the agent holds (PROTOCOL.md).
#include <string>
#include <vector>

#include "borrowed_sockets.hpp"
#include "protocol/messages.hpp"

namespace zconform::libzmq_agent {

// The handles the request's items name, in order (checks the request's shape).
std::vector<std::string> poll_handles(const protocol::Json& args);
// Runs zmq_poll on the borrowed sockets; returns every item with the events it reports.
protocol::Json poll_sockets(const protocol::Json& args, const BorrowedSockets& sockets);

}  // namespace zconform::libzmq_agent
