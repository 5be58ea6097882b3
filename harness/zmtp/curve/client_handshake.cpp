#include "zmtp/curve/client_handshake.hpp"

#include <algorithm>

#include "zmtp/curve/nonces.hpp"
#include "zmtp/curve/sodium_box.hpp"

namespace zconform::zmtp::curve {
namespace {

// A decreasing INITIATE nonce needs room below the HELLO's that was never used.
constexpr uint64_t kHelloNonceBeforeDecreasing = 10;

void flip_octet(std::string& bytes, size_t at) { bytes[at] = static_cast<char>(bytes[at] ^ 0x5A); }

}  // namespace

ClientHandshake::ClientHandshake(KeyPair permanent, Key server_public, ClientFaults faults)
    : permanent_(std::move(permanent)),
      server_public_(std::move(server_public)),
      faults_(faults),
      transient_(generate_key_pair()) {
  if (faults_.initiate_nonce == InitiateNonce::decreasing)
    hello_nonce_ = kHelloNonceBeforeDecreasing;
}

std::string ClientHandshake::hello() {
  Hello hello;
  if (faults_.hello_padding) hello.padding = std::string(hello.padding.size(), '\x01');
  if (faults_.hello_version) hello.major = 2;
  hello.client_transient = transient_.public_key;
  hello.nonce = hello_nonce_;
  const Key box_for = faults_.wrong_server_key ? generate_key_pair().public_key : server_public_;
  hello.signature_box = box_seal(std::string(64, '\0'), short_nonce(kHelloPrefix, hello.nonce),
                                 box_for, transient_.secret_key);
  if (faults_.bad_hello_box) flip_octet(hello.signature_box, 40);
  std::string body = encode_hello(hello);
  if (faults_.hello_size_change < 0)
    body.resize(body.size() - std::min<size_t>(body.size(), -faults_.hello_size_change));
  if (faults_.hello_size_change > 0) body.append(faults_.hello_size_change, '\0');
  return body;
}

bool ClientHandshake::take_welcome(std::string_view body, std::string& error) {
  auto welcome = parse_welcome(body, error);
  if (!welcome) return false;
  auto plain = box_open(welcome->box, long_nonce(kWelcomePrefix, welcome->nonce), server_public_,
                        transient_.secret_key);
  if (!plain) {
    error = "the WELCOME box does not open from the server's key to C' (CURVE-05)";
    return false;
  }
  server_transient_ = plain->substr(0, kKeySize);
  cookie_ = plain->substr(kKeySize);
  shared_key_ = box_shared_key(server_transient_, transient_.secret_key);
  return true;
}

std::string ClientHandshake::initiate(std::string_view metadata) {
  switch (faults_.initiate_nonce) {
    case InitiateNonce::next: initiate_nonce_ = hello_nonce_ + 1; break;
    case InitiateNonce::reused: initiate_nonce_ = hello_nonce_; break;
    case InitiateNonce::decreasing: initiate_nonce_ = hello_nonce_ - 5; break;
  }
  const std::string vouch_nonce = random_octets(kLongNonceSize);
  const Key vouch_by = faults_.bad_vouch ? generate_key_pair().secret_key : permanent_.secret_key;
  const std::string vouch_box =
      box_seal(transient_.public_key + server_public_, long_nonce(kVouchPrefix, vouch_nonce),
               server_transient_, vouch_by);
  std::string plain = permanent_.public_key + vouch_nonce + vouch_box;
  plain += metadata;
  Initiate initiate;
  initiate.cookie = cookie_;
  if (faults_.bad_cookie) flip_octet(initiate.cookie, 50);
  initiate.nonce = initiate_nonce_;
  initiate.box = box_seal_shared(plain, short_nonce(kInitiatePrefix, initiate.nonce), shared_key_);
  std::string body = encode_initiate(initiate);
  if (faults_.initiate_short) body.resize(kInitiateMinSize - 1);
  return body;
}

std::optional<std::vector<Property>> ClientHandshake::take_ready(std::string_view body,
                                                                 std::string& error) {
  auto ready = parse_ready(body, error);
  if (!ready) return std::nullopt;
  auto plain = box_open_shared(ready->box, short_nonce(kReadyPrefix, ready->nonce), shared_key_);
  if (!plain) {
    error = "the READY box does not open with the connection's transient keys";
    return std::nullopt;
  }
  std::vector<Property> properties;
  if (!parse_properties(*plain, properties, error)) {
    error = "READY metadata: " + error;
    return std::nullopt;
  }
  ready_nonce_ = ready->nonce;
  return properties;
}

Session ClientHandshake::session() const {
  const uint64_t used = std::max(hello_nonce_, initiate_nonce_);
  return Session(Session::Role::client, shared_key_, used + 1, ready_nonce_);
}

}  // namespace zconform::zmtp::curve
