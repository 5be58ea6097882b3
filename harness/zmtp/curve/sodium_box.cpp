#include "zmtp/curve/sodium_box.hpp"

#include <sodium.h>

#include <stdexcept>

namespace zconform::zmtp::curve {
namespace {

const unsigned char* u8(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* u8(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

void require(std::string_view value, size_t size, const char* what) {
  if (value.size() != size)
    throw std::invalid_argument(std::string(what) + " must be " + std::to_string(size) + " octets");
}

}  // namespace

static_assert(crypto_box_MACBYTES == kBoxOverhead && crypto_secretbox_MACBYTES == kBoxOverhead);
static_assert(crypto_box_NONCEBYTES == kNonceSize && crypto_secretbox_NONCEBYTES == kNonceSize);

void ensure_sodium() {
  static const int once = sodium_init();
  if (once < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string box_seal(std::string_view plain, std::string_view nonce, std::string_view their_public,
                     std::string_view our_secret) {
  ensure_sodium();
  require(nonce, kNonceSize, "a box nonce");
  require(their_public, crypto_box_PUBLICKEYBYTES, "a public key");
  require(our_secret, crypto_box_SECRETKEYBYTES, "a secret key");
  std::string box(plain.size() + kBoxOverhead, '\0');
  if (crypto_box_easy(u8(box), u8(plain), plain.size(), u8(nonce), u8(their_public),
                      u8(our_secret)) != 0)
    throw std::runtime_error("crypto_box_easy failed");
  return box;
}

std::optional<std::string> box_open(std::string_view box, std::string_view nonce,
                                    std::string_view their_public, std::string_view our_secret) {
  ensure_sodium();
  require(nonce, kNonceSize, "a box nonce");
  require(their_public, crypto_box_PUBLICKEYBYTES, "a public key");
  require(our_secret, crypto_box_SECRETKEYBYTES, "a secret key");
  if (box.size() < kBoxOverhead) return std::nullopt;
  std::string plain(box.size() - kBoxOverhead, '\0');
  if (crypto_box_open_easy(u8(plain), u8(box), box.size(), u8(nonce), u8(their_public),
                           u8(our_secret)) != 0)
    return std::nullopt;
  return plain;
}

std::string box_shared_key(std::string_view their_public, std::string_view our_secret) {
  ensure_sodium();
  require(their_public, crypto_box_PUBLICKEYBYTES, "a public key");
  require(our_secret, crypto_box_SECRETKEYBYTES, "a secret key");
  std::string key(crypto_box_BEFORENMBYTES, '\0');
  if (crypto_box_beforenm(u8(key), u8(their_public), u8(our_secret)) != 0)
    throw std::runtime_error("crypto_box_beforenm failed");
  return key;
}

std::string box_seal_shared(std::string_view plain, std::string_view nonce,
                            std::string_view shared_key) {
  ensure_sodium();
  require(nonce, kNonceSize, "a box nonce");
  require(shared_key, crypto_box_BEFORENMBYTES, "a shared key");
  std::string box(plain.size() + kBoxOverhead, '\0');
  if (crypto_box_easy_afternm(u8(box), u8(plain), plain.size(), u8(nonce), u8(shared_key)) != 0)
    throw std::runtime_error("crypto_box_easy_afternm failed");
  return box;
}

std::optional<std::string> box_open_shared(std::string_view box, std::string_view nonce,
                                           std::string_view shared_key) {
  ensure_sodium();
  require(nonce, kNonceSize, "a box nonce");
  require(shared_key, crypto_box_BEFORENMBYTES, "a shared key");
  if (box.size() < kBoxOverhead) return std::nullopt;
  std::string plain(box.size() - kBoxOverhead, '\0');
  if (crypto_box_open_easy_afternm(u8(plain), u8(box), box.size(), u8(nonce), u8(shared_key)) != 0)
    return std::nullopt;
  return plain;
}

std::string secretbox_seal(std::string_view plain, std::string_view nonce, std::string_view key) {
  ensure_sodium();
  require(nonce, kNonceSize, "a secretbox nonce");
  require(key, crypto_secretbox_KEYBYTES, "a secretbox key");
  std::string box(plain.size() + kBoxOverhead, '\0');
  if (crypto_secretbox_easy(u8(box), u8(plain), plain.size(), u8(nonce), u8(key)) != 0)
    throw std::runtime_error("crypto_secretbox_easy failed");
  return box;
}

std::optional<std::string> secretbox_open(std::string_view box, std::string_view nonce,
                                          std::string_view key) {
  ensure_sodium();
  require(nonce, kNonceSize, "a secretbox nonce");
  require(key, crypto_secretbox_KEYBYTES, "a secretbox key");
  if (box.size() < kBoxOverhead) return std::nullopt;
  std::string plain(box.size() - kBoxOverhead, '\0');
  if (crypto_secretbox_open_easy(u8(plain), u8(box), box.size(), u8(nonce), u8(key)) != 0)
    return std::nullopt;
  return plain;
}

std::string random_octets(size_t n) {
  ensure_sodium();
  std::string out(n, '\0');
  randombytes_buf(out.data(), n);
  return out;
}

}  // namespace zconform::zmtp::curve
