#pragma once
// The 64-octet ZMTP 3.x greeting (GREET-01), encoded from fields the caller may set to wrong values
// on purpose, and read back the way libzmq reads it: in stages, first octet and octet 9 decide
// ZMTP 1.0, octet 10 (major) decides the rest (GREET-02, GREET-06).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zconform::zmtp {

inline constexpr size_t kGreetingSize = 64;
// libzmq sends its greeting in three stages and waits for the peer between them, so a raw peer that
// waits for all 64 octets before sending its own deadlocks ("Facts that shape the raw peer").
inline constexpr size_t kGreetingPart1 = 10;  // signature: 0xFF, 8 padding octets, 0x7F
inline constexpr size_t kGreetingPart2 =
    1;  // major version, sent once the peer's 10th octet is read
inline constexpr size_t kGreetingPart3 =
    kGreetingSize - kGreetingPart1 - kGreetingPart2;  // 53, after the peer's 11th

// Field offsets and widths (RFC 23/37 Formal Grammar).
inline constexpr size_t kPaddingOffset = 1;
inline constexpr size_t kPaddingSize = 8;
inline constexpr size_t kSignatureLastOffset = 9;
inline constexpr size_t kMajorOffset = 10;
inline constexpr size_t kMinorOffset = 11;
inline constexpr size_t kMechanismOffset = 12;
inline constexpr size_t kMechanismSize = 20;
inline constexpr size_t kAsServerOffset = 32;
inline constexpr size_t kFillerOffset = 33;
inline constexpr size_t kFillerSize = 31;

// Defaults are a valid NULL-mechanism ZMTP 3.1 greeting. Every field is written as given, so tests
// can send bad signatures, versions or fillers.
struct Greeting {
  uint8_t signature_first = 0xFF;
  std::string padding = std::string(kPaddingSize, '\0');
  uint8_t signature_last = 0x7F;
  uint8_t major = 3;
  uint8_t minor = 1;
  // Decoded: the 20 octets with trailing NULs removed, so "NULL" compares equal.
  std::string mechanism = "NULL";
  uint8_t as_server = 0;
  std::string filler = std::string(kFillerSize, '\0');

  bool operator==(const Greeting&) const = default;
};

// Exactly 64 octets. padding, mechanism and filler fill their fixed widths (8, 20, 31): shorter
// values are NUL-padded, longer ones contribute only their first octets.
std::string encode_greeting(const Greeting& greeting);

// The first 64 octets of `bytes`, or nullopt when fewer arrived. Nothing is validated (GREET-02:
// padding carries no meaning), so a test can report exactly what a peer sent.
// encode_greeting(*decode_greeting(x)) gives back x's first 64 octets.
std::optional<Greeting> decode_greeting(std::string_view bytes);

enum class GreetingVersion {
  zmtp1_0,  // unversioned (first octet != 0xFF or octet 9 bit 0 clear) or versioned with major 0
  zmtp2_0,  // major 1 (RFC 15)
  zmtp3_x,  // major >= 3; the minor octet (not yet read here) picks 3.0 or 3.1
  unknown,  // major 2: no RFC defines it (libzmq 4.3 treats it as 3.1)
};

const char* to_string(GreetingVersion version);

// Which protocol a peer speaks, decided as soon as libzmq would decide it (GREET-06): after the
// first octet if it is not 0xFF, after 10 octets if octet 9 bit 0 is clear, else after 11 (the
// major version). nullopt: more octets are needed.
std::optional<GreetingVersion> classify_greeting_prefix(std::string_view first_bytes);

}  // namespace zconform::zmtp
