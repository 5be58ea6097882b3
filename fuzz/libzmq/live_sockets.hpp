// A libzmq socket bound on an ipc endpoint in this process, and one raw connection to it per
// input: connect, write the input's bytes (in steps, waiting for libzmq's handshake commands
// between them), half-close, and serve the socket (read what libzmq sends, receive what it
// delivers, answer its ZAP requests) until libzmq closes the connection.
// libzmq's engine, session and pipes run exactly as they do for a remote peer.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/conversation.hpp"
#include "common/socket_kinds.hpp"
#include "common/zap_answer.hpp"

namespace zconform::fuzz {

struct Exchange {
  std::vector<Message> delivered;  // in the order the application received them
  // Each delivered message's User-Id property (zmq_msg_gets), "(none)" where it has none.
  std::vector<std::string> user_ids;
  size_t bytes_from_libzmq = 0;
};

// Plays one connection to a libzmq socket of socket_kinds()[index]: `conversation`'s steps, its
// ZAP requests answered with `zap`. Returns once libzmq has closed it and delivered what it will;
// aborts (a finding) when libzmq neither closes the connection nor reads within the deadline.
Exchange play_connection(size_t index, Conversation& conversation, const ZapAnswer& zap = {});

}  // namespace zconform::fuzz
