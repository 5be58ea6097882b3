#include "zmtp/curve/session.hpp"

#include <algorithm>

#include "zmtp/curve/commands.hpp"
#include "zmtp/curve/nonces.hpp"
#include "zmtp/curve/sodium_box.hpp"

namespace zconform::zmtp::curve {

Session::Session(Role role, std::string shared_key, uint64_t next_nonce, uint64_t peer_nonce)
    : role_(role),
      shared_key_(std::move(shared_key)),
      next_nonce_(next_nonce),
      peer_nonce_(peer_nonce) {}

uint64_t Session::nonce_for_next() {
  if (sealed_ == 0) {
    const uint64_t first = nonce_fault == NonceFault::decreasing
                               ? std::max(next_nonce_, kDecreasingStart)
                               : next_nonce_;
    next_nonce_ = first + 1;
    return first;
  }
  switch (nonce_fault) {
    case NonceFault::reused: return last_sent_;
    case NonceFault::decreasing: return last_sent_ - 1;
    case NonceFault::none: break;
  }
  return next_nonce_++;
}

std::string Session::seal(uint8_t flags, std::string_view payload) {
  const uint64_t nonce = nonce_for_next();
  last_sent_ = nonce;
  ++sealed_;
  std::string plain(1, static_cast<char>(flags | extra_flags));
  plain += payload;
  const std::string_view prefix =
      role_ == Role::client ? kMessageFromClientPrefix : kMessageFromServerPrefix;
  NonceAndBox message{nonce, box_seal_shared(plain, short_nonce(prefix, nonce), shared_key_)};
  const bool faulty = sealed_ > 1;  // the first MESSAGE is always valid
  if (faulty && altered_boxes) message.box[message.box.size() / 2] ^= 0x5A;
  std::string body = encode_message(message);
  if (faulty && short_messages) body.resize(kMessageMinSize - 1);
  return body;
}

std::optional<Session::Opened> Session::open(std::string_view body, std::string& error) {
  auto message = parse_message(body, error);
  if (!message) return std::nullopt;
  if (check_peer_nonces && message->nonce <= peer_nonce_) {
    error = "MESSAGE nonce " + std::to_string(message->nonce) + " after " +
            std::to_string(peer_nonce_) + ": short nonces strictly increase (CURVE-02)";
    return std::nullopt;
  }
  const std::string_view prefix =
      role_ == Role::client ? kMessageFromServerPrefix : kMessageFromClientPrefix;
  auto plain = box_open_shared(message->box, short_nonce(prefix, message->nonce), shared_key_);
  if (!plain || plain->empty()) {
    error = "the MESSAGE box with nonce " + std::to_string(message->nonce) +
            " does not open with the connection's transient keys";
    return std::nullopt;
  }
  peer_nonce_ = message->nonce;
  return Opened{static_cast<uint8_t>((*plain)[0]), plain->substr(1), message->nonce};
}

}  // namespace zconform::zmtp::curve
