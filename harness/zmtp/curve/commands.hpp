#pragma once
// The CurveZMQ commands' layouts (RFC 26 grammar) as plain fields, without crypto: builders write
// every field as given (a wrong size, non-zero padding, a repeated nonce), parsers check the sizes
// CURVE-01 fixes and split the fields. The bodies are ZMTP command bodies: name length, name, data.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zconform::zmtp::curve {

// Whole command bodies, name included (CURVE-01).
inline constexpr size_t kHelloSize = 200;
inline constexpr size_t kWelcomeSize = 168;
inline constexpr size_t kInitiateMinSize = 257;
inline constexpr size_t kReadyMinSize = 30;
inline constexpr size_t kMessageMinSize = 33;
inline constexpr size_t kCookieSize = 96;  // 16-octet long nonce + 80-octet box [C' + s']

struct Hello {
  uint8_t major = 1;
  uint8_t minor = 0;
  std::string padding = std::string(72, '\0');  // anti-amplification: 72 zero octets
  std::string client_transient;                 // C', 32 octets
  uint64_t nonce = 1;
  std::string signature_box;  // Box [64 zero octets](C'->S), 80 octets
};

struct Welcome {
  std::string nonce;  // the 16 octets after "WELCOME-"
  std::string box;    // Box [S' + cookie](S->C'), 144 octets
};

struct Initiate {
  std::string cookie;  // 96 octets, echoed from WELCOME
  uint64_t nonce = 0;
  std::string box;  // Box [C + vouch + metadata](C'->S'), 144+ octets
};

// READY and MESSAGE share a layout: a short nonce and a box.
struct NonceAndBox {
  uint64_t nonce = 0;
  std::string box;
};

std::string encode_hello(const Hello& hello);
std::string encode_welcome(const Welcome& welcome);
std::string encode_initiate(const Initiate& initiate);
std::string encode_ready(const NonceAndBox& ready);
std::string encode_message(const NonceAndBox& message);

// Each checks the name and the size (nullopt with `error` naming CURVE-01 otherwise).
std::optional<Hello> parse_hello(std::string_view body, std::string& error);
std::optional<Welcome> parse_welcome(std::string_view body, std::string& error);
std::optional<Initiate> parse_initiate(std::string_view body, std::string& error);
std::optional<NonceAndBox> parse_ready(std::string_view body, std::string& error);
std::optional<NonceAndBox> parse_message(std::string_view body, std::string& error);

// The command name of a body ("" when it has none): HELLO, WELCOME, ...
std::string command_name(std::string_view body);

}  // namespace zconform::zmtp::curve
