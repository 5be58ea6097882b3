#include "zmtp/curve/keys.hpp"

#include <sodium.h>

#include <stdexcept>

#include "zmtp/curve/sodium_box.hpp"
#include "zmtp/curve/z85.hpp"

namespace zconform::zmtp::curve {

KeyPair generate_key_pair() {
  ensure_sodium();
  KeyPair pair{Key(kKeySize, '\0'), Key(kKeySize, '\0')};
  crypto_box_keypair(reinterpret_cast<unsigned char*>(pair.public_key.data()),
                     reinterpret_cast<unsigned char*>(pair.secret_key.data()));
  return pair;
}

Key public_key_of(const Key& secret) {
  ensure_sodium();
  Key key(kKeySize, '\0');
  if (secret.size() != kKeySize ||
      crypto_scalarmult_base(reinterpret_cast<unsigned char*>(key.data()),
                             reinterpret_cast<const unsigned char*>(secret.data())) != 0)
    throw std::invalid_argument("a CURVE secret key is 32 octets");
  return key;
}

std::optional<Key> key_from_text(std::string_view text) {
  if (text.size() == kKeySize) return Key(text);
  if (text.size() != kKeyTextSize) return std::nullopt;
  return z85_decode(text);
}

std::string key_text(const Key& key) { return z85_encode(key).value_or("(not a 32-octet key)"); }

KeyPair test_server_keys() {
  return {*key_from_text(kTestServerPublic), *key_from_text(kTestServerSecret)};
}

KeyPair test_client_keys() {
  return {*key_from_text(kTestClientPublic), *key_from_text(kTestClientSecret)};
}

}  // namespace zconform::zmtp::curve
