#pragma once
// The client's half of the CurveZMQ handshake (RFC 26): HELLO, WELCOME read, INITIATE, READY read,
// then a Session. Every misbehaviour the raw peer can commit as a client is a named field of
// ClientFaults, applied here, so that the unit tests can show each one does what it says.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zmtp/command.hpp"
#include "zmtp/curve/commands.hpp"
#include "zmtp/curve/keys.hpp"
#include "zmtp/curve/session.hpp"

namespace zconform::zmtp::curve {

enum class InitiateNonce {
  next,        // the HELLO's nonce + 1
  reused,      // the HELLO's nonce again (CURVE-02)
  decreasing,  // lower than the HELLO's, never used before (CURVE-02)
};

struct ClientFaults {
  // wrong_server_key, if true, causes the HELLO's signature box to be made for a fresh key instead
  // of the server's: the box a client that does not know the server's key would send (CURVE-04).
  bool wrong_server_key = false;
  // bad_hello_box, if true, causes one octet of the HELLO's signature box to be flipped.
  bool bad_hello_box = false;
  // hello_size_change: octets cut from (< 0) or added to (> 0) the 200-octet HELLO (CURVE-01).
  int hello_size_change = 0;
  // hello_padding, if true, causes the 72 anti-amplification octets of HELLO to be non-zero.
  bool hello_padding = false;
  // hello_version, if true, causes HELLO to announce CurveZMQ version 2.0 instead of 1.0.
  bool hello_version = false;
  InitiateNonce initiate_nonce = InitiateNonce::next;
  // initiate_short, if true, causes INITIATE to be cut to 256 octets, one short of its least
  // (CURVE-01).
  bool initiate_short = false;
  // bad_cookie, if true, causes one octet of the cookie echoed in INITIATE to be flipped.
  bool bad_cookie = false;
  // bad_vouch, if true, causes the vouch to be boxed by a secret key that is not the client's
  // (the INITIATE names C, the vouch comes from someone else).
  bool bad_vouch = false;
};

class ClientHandshake {
 public:
  ClientHandshake(KeyPair permanent, Key server_public, ClientFaults faults = {});

  std::string hello();
  // Opens WELCOME (168 octets, Box [S' + cookie](S->C')); false with `error` otherwise.
  bool take_welcome(std::string_view body, std::string& error);
  // INITIATE with the cookie, the vouch and `metadata` (encoded properties, or anything at all).
  std::string initiate(std::string_view metadata);
  // Opens READY (>= 30 octets, Box [metadata](S'->C')) and parses its properties.
  std::optional<std::vector<Property>> take_ready(std::string_view body, std::string& error);
  // The connection's MESSAGE layer, once READY was taken.
  Session session() const;

  const Key& transient_public() const { return transient_.public_key; }
  uint64_t hello_nonce() const { return hello_nonce_; }
  uint64_t initiate_nonce() const { return initiate_nonce_; }
  uint64_t ready_nonce() const { return ready_nonce_; }

 private:
  KeyPair permanent_;
  Key server_public_;
  ClientFaults faults_;
  KeyPair transient_;     // C'
  Key server_transient_;  // S'
  std::string cookie_;
  std::string shared_key_;  // C' x S'
  uint64_t hello_nonce_ = 1;
  uint64_t initiate_nonce_ = 0;
  uint64_t ready_nonce_ = 0;
};

}  // namespace zconform::zmtp::curve
