// The sockets a peer-side fuzz input can pick (in-process libzmq or an implementation through its
// agent): the types whose peers send data (and, for PUB and XPUB, subscriptions), with NULL, then
// the same as PLAIN servers, then as CURVE servers.
#pragma once

#include <string>
#include <vector>

namespace zconform::fuzz {

using Message = std::vector<std::string>;  // the parts of one message, as an application gets it

enum class Mechanism { null, plain, curve };

struct SocketKind {
  const char* name;     // the socket under test, e.g. "PULL"
  const char* peer;     // the ZMTP type a compatible peer announces, e.g. "PUSH"
  Mechanism mechanism;  // the socket's, as a server (PLAIN and CURVE ask a ZAP handler)
  bool whole_messages;  // checked to deliver whole messages only (see socket_kinds.cpp)
};

// How many socket types there are: socket_kinds() holds each with NULL, PLAIN and CURVE, in
// that order, so index type + kTypeCount * mechanism.
inline constexpr size_t kTypeCount = 8;

const std::vector<SocketKind>& socket_kinds();

// Whether the socket delivers every message its peer sends, in order (so that the messages it
// delivers must be the first of those a conforming receiver reads from the stream).
bool delivers_every_message(const SocketKind& kind);

}  // namespace zconform::fuzz
