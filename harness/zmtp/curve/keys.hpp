#pragma once
// CURVE key pairs (RFC 26: Curve25519, 32-octet public and secret keys) and their Z85 text, the
// form scenarios give them in.
#include <optional>
#include <string>
#include <string_view>

namespace zconform::zmtp::curve {

inline constexpr size_t kKeySize = 32;
inline constexpr size_t kKeyTextSize = 40;  // Z85 of 32 octets

using Key = std::string;  // kKeySize octets

struct KeyPair {
  Key public_key;
  Key secret_key;
};

// A fresh pair from libsodium's generator (the transient keys C' and S', and keys nobody knows).
KeyPair generate_key_pair();
// The public key that belongs to `secret` (Curve25519 scalar multiplication by the base point).
Key public_key_of(const Key& secret);

// 40 Z85 characters or 32 octets as they are; nullopt for anything else.
std::optional<Key> key_from_text(std::string_view text);
std::string key_text(const Key& key);

// The test keys of zmq_curve(7) and libzmq's tests: every scenario may use them, and the agents'
// sockets are configured with the same text.
inline constexpr std::string_view kTestServerPublic = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7";
inline constexpr std::string_view kTestServerSecret = "JTKVSB%%)wK0E.X)V>+}o?pNmC{O&4W4b!Ni{Lh6";
inline constexpr std::string_view kTestClientPublic = "Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID";
inline constexpr std::string_view kTestClientSecret = "D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs";

KeyPair test_server_keys();
KeyPair test_client_keys();

}  // namespace zconform::zmtp::curve
