// The delivery oracle of the peer-side targets (libzmq_engine, wire_agent): what a socket's
// application received against what a conforming receiver reads from the frames sent.
#pragma once

#include <string>
#include <vector>

#include "common/socket_kinds.hpp"
#include "common/zmtp_script.hpp"

namespace zconform::fuzz {

// "" when `delivered` is the first of the whole messages a conforming receiver reads from the
// script's frames (ROUTER's routing id set aside), in order; else what differs. Only for the
// types that deliver every message (delivers_every_message) and scripts that are checkable.
std::string first_messages_mismatch(const SocketKind& kind, const ZmtpScript& script,
                                    const std::vector<Message>& delivered);

// A message for a report: its parts in hex, 16 octets of each at most.
std::string describe(const Message& message);

}  // namespace zconform::fuzz
