#pragma once
// The three libsodium primitives CurveZMQ (RFC 26) is built from, over binary-safe strings, in the
// "easy" form: a box is the 16-octet authenticator then the ciphertext, exactly the octets RFC 26
// puts on the wire (NaCl's crypto_box with its 32/16 zero octets of padding stripped). No crypto
// of our own here: each function is one libsodium call.
#include <optional>
#include <string>
#include <string_view>

namespace zconform::zmtp::curve {

inline constexpr size_t kBoxOverhead = 16;  // crypto_box_MACBYTES: "a box is 16 octets larger"
inline constexpr size_t kNonceSize = 24;

// sodium_init, once per process (thread-safe; repeated calls are cheap).
void ensure_sodium();

// Box [plain](our secret -> their public) with a 24-octet nonce.
std::string box_seal(std::string_view plain, std::string_view nonce, std::string_view their_public,
                     std::string_view our_secret);
// nullopt when the box does not open (forged, altered, wrong key or nonce, shorter than 16).
std::optional<std::string> box_open(std::string_view box, std::string_view nonce,
                                    std::string_view their_public, std::string_view our_secret);

// The shared key of a pair of keys (crypto_box_beforenm), for the many boxes of one connection.
std::string box_shared_key(std::string_view their_public, std::string_view our_secret);
std::string box_seal_shared(std::string_view plain, std::string_view nonce,
                            std::string_view shared_key);
std::optional<std::string> box_open_shared(std::string_view box, std::string_view nonce,
                                           std::string_view shared_key);

// The cookie's symmetric box (crypto_secretbox) under a 32-octet key.
std::string secretbox_seal(std::string_view plain, std::string_view nonce, std::string_view key);
std::optional<std::string> secretbox_open(std::string_view box, std::string_view nonce,
                                          std::string_view key);

std::string random_octets(size_t n);

}  // namespace zconform::zmtp::curve
