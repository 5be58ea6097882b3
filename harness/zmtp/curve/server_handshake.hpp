#pragma once
// The server's half of the CurveZMQ handshake (RFC 26): HELLO read, WELCOME with a cookie,
// INITIATE read (cookie, nonce, vouch, metadata all checked), READY, then a Session. The server
// keeps no state between WELCOME and INITIATE but the cookie key, as RFC 26 asks. Every
// misbehaviour the raw peer can commit as a server is a named field of ServerFaults.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zmtp/command.hpp"
#include "zmtp/curve/commands.hpp"
#include "zmtp/curve/keys.hpp"
#include "zmtp/curve/session.hpp"

namespace zconform::zmtp::curve {

struct ServerFaults {
  // wrong_server_key, if true, causes WELCOME to be boxed from a fresh key instead of the server's
  // permanent key: an impostor that does not hold the key the client was given (CURVE-04).
  bool wrong_server_key = false;
  // bad_welcome_box, if true, causes one octet of the WELCOME box to be flipped.
  bool bad_welcome_box = false;
  // welcome_size_change: octets cut from (< 0) or added to (> 0) the 168-octet WELCOME.
  int welcome_size_change = 0;
  // bad_ready_box, if true, causes one octet of the READY box to be flipped.
  bool bad_ready_box = false;
  // ready_size_change: octets cut from (< 0) or added to (> 0) READY.
  int ready_size_change = 0;
};

// What INITIATE told the server.
struct Initiated {
  Key client_public;  // C, vouched for
  std::vector<Property> properties;
  uint64_t nonce = 0;
};

class ServerHandshake {
 public:
  ServerHandshake(KeyPair permanent, ServerFaults faults = {});

  // Checks HELLO (200 octets, version 1.0, zero padding, a signature box that opens to 64 zeros
  // from C' to S); false with `error` naming what is wrong. An impostor (wrong_server_key) cannot
  // open the box and does not try.
  bool take_hello(std::string_view body, std::string& error);
  std::string welcome();
  // Checks INITIATE: at least 257 octets, its cookie is this server's for this C', its nonce above
  // the HELLO's (CURVE-02, unless check_initiate_nonce is off), its box opens, the vouch opens from
  // C to S' and holds C' and S, the metadata parses.
  std::optional<Initiated> take_initiate(std::string_view body, std::string& error);
  // READY with `metadata` (encoded properties, or anything at all).
  std::string ready(std::string_view metadata);
  Session session() const;

  // Off only in test doubles that play a lax implementation.
  bool check_initiate_nonce = true;

  uint64_t hello_nonce() const { return hello_nonce_; }
  uint64_t ready_nonce() const { return ready_nonce_; }

 private:
  KeyPair permanent_;
  ServerFaults faults_;
  Key client_transient_;  // C'
  KeyPair transient_;     // S'
  std::string cookie_key_;
  std::string shared_key_;  // S' x C'
  uint64_t hello_nonce_ = 0;
  uint64_t initiate_nonce_ = 0;
  uint64_t ready_nonce_ = 1;
};

}  // namespace zconform::zmtp::curve
