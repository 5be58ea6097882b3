#include "zmtp/curve/server_handshake.hpp"

#include "zmtp/curve/nonces.hpp"
#include "zmtp/curve/sodium_box.hpp"

namespace zconform::zmtp::curve {
namespace {

void flip_octet(std::string& bytes, size_t at) { bytes[at] = static_cast<char>(bytes[at] ^ 0x5A); }

void resize_by(std::string& body, int change) {
  if (change < 0) body.resize(body.size() - std::min<size_t>(body.size(), -change));
  if (change > 0) body.append(change, '\0');
}

}  // namespace

ServerHandshake::ServerHandshake(KeyPair permanent, ServerFaults faults)
    : permanent_(std::move(permanent)), faults_(faults) {}

bool ServerHandshake::take_hello(std::string_view body, std::string& error) {
  auto hello = parse_hello(body, error);
  if (!hello) return false;
  if (hello->major != 1 || hello->minor != 0) {
    error = "HELLO version " + std::to_string(hello->major) + "." + std::to_string(hello->minor) +
            ", not 1.0";
    return false;
  }
  if (hello->padding != std::string(hello->padding.size(), '\0')) {
    error = "HELLO's 72 anti-amplification octets are not all zero";
    return false;
  }
  client_transient_ = hello->client_transient;
  hello_nonce_ = hello->nonce;
  if (faults_.wrong_server_key) return true;
  auto plain = box_open(hello->signature_box, short_nonce(kHelloPrefix, hello->nonce),
                        client_transient_, permanent_.secret_key);
  if (!plain || *plain != std::string(64, '\0')) {
    error = "HELLO's signature box does not open to 64 zero octets from C' to the server's key";
    return false;
  }
  return true;
}

std::string ServerHandshake::welcome() {
  transient_ = generate_key_pair();
  cookie_key_ = random_octets(32);
  const std::string cookie_nonce = random_octets(kLongNonceSize);
  const std::string cookie =
      cookie_nonce + secretbox_seal(client_transient_ + transient_.secret_key,
                                    long_nonce(kCookiePrefix, cookie_nonce), cookie_key_);
  Welcome welcome;
  welcome.nonce = random_octets(kLongNonceSize);
  const Key box_from =
      faults_.wrong_server_key ? generate_key_pair().secret_key : permanent_.secret_key;
  welcome.box = box_seal(transient_.public_key + cookie, long_nonce(kWelcomePrefix, welcome.nonce),
                         client_transient_, box_from);
  if (faults_.bad_welcome_box) flip_octet(welcome.box, 60);
  std::string body = encode_welcome(welcome);
  resize_by(body, faults_.welcome_size_change);
  return body;
}

std::optional<Initiated> ServerHandshake::take_initiate(std::string_view body, std::string& error) {
  auto initiate = parse_initiate(body, error);
  if (!initiate) return std::nullopt;
  const std::string_view cookie_nonce =
      std::string_view(initiate->cookie).substr(0, kLongNonceSize);
  auto cookie = secretbox_open(std::string_view(initiate->cookie).substr(kLongNonceSize),
                               long_nonce(kCookiePrefix, cookie_nonce), cookie_key_);
  if (!cookie || *cookie != client_transient_ + transient_.secret_key) {
    error = "INITIATE's cookie is not the one WELCOME gave (CURVE-05)";
    return std::nullopt;
  }
  if (check_initiate_nonce && initiate->nonce <= hello_nonce_) {
    error = "INITIATE nonce " + std::to_string(initiate->nonce) + " after HELLO's " +
            std::to_string(hello_nonce_) + ": short nonces strictly increase (CURVE-02)";
    return std::nullopt;
  }
  shared_key_ = box_shared_key(client_transient_, transient_.secret_key);
  auto plain =
      box_open_shared(initiate->box, short_nonce(kInitiatePrefix, initiate->nonce), shared_key_);
  if (!plain || plain->size() < kKeySize + kCookieSize) {
    error = "INITIATE's box does not open from C' to S'";
    return std::nullopt;
  }
  Initiated out;
  out.client_public = plain->substr(0, kKeySize);
  out.nonce = initiate->nonce;
  const std::string vouch_nonce = plain->substr(kKeySize, kLongNonceSize);
  auto vouch =
      box_open(std::string_view(*plain).substr(kKeySize + kLongNonceSize, 80),
               long_nonce(kVouchPrefix, vouch_nonce), out.client_public, transient_.secret_key);
  if (!vouch || *vouch != client_transient_ + permanent_.public_key) {
    error = "INITIATE's vouch does not open from C to S' to C' and S (CURVE-05)";
    return std::nullopt;
  }
  if (!parse_properties(std::string_view(*plain).substr(kKeySize + kCookieSize), out.properties,
                        error)) {
    error = "INITIATE metadata: " + error;
    return std::nullopt;
  }
  initiate_nonce_ = initiate->nonce;
  return out;
}

std::string ServerHandshake::ready(std::string_view metadata) {
  NonceAndBox ready;
  ready.nonce = ready_nonce_;
  ready.box = box_seal_shared(metadata, short_nonce(kReadyPrefix, ready.nonce), shared_key_);
  if (faults_.bad_ready_box) flip_octet(ready.box, 3);
  std::string body = encode_ready(ready);
  resize_by(body, faults_.ready_size_change);
  return body;
}

Session ServerHandshake::session() const {
  return Session(Session::Role::server, shared_key_, ready_nonce_ + 1, initiate_nonce_);
}

}  // namespace zconform::zmtp::curve
