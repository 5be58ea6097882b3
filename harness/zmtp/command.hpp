#pragma once
// ZMTP commands: frames with the COMMAND flag whose body is a 1-octet name length, the name and
// data (FRAME-08); the metadata properties of READY and INITIATE (NULL-01); builders and parsers
// for the commands the harness sends and reads (NULL, PLAIN, ZMTP 3.1 subscriptions and
// heartbeats). Builders pass every field through unchanged, so tests can send malformed commands on
// purpose.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "zmtp/frame.hpp"

namespace zconform::zmtp {

struct Command {
  std::string name;
  std::string data = {};
  // The name length octet as written instead of name.size() (a length that lies about the name).
  std::optional<uint8_t> name_length_override = std::nullopt;
  // Set by parse_command_body: FRAME-08 allows ALPHA names only. Ignored when encoding.
  bool name_is_alpha = true;

  bool operator==(const Command&) const = default;
};

// Name length octet (name_length_override, else name.size() modulo 256), name, data.
std::string encode_command_body(const Command& command);
// A frame with the COMMAND flag around encode_command_body.
Frame command_frame(const Command& command);

// nullopt with `error` for a body with no room for its name: empty, name length 0, or a name
// running past the end. A name with non-ALPHA octets still parses, with name_is_alpha false.
std::optional<Command> parse_command_body(std::string_view body, std::string& error);

bool is_alpha_name(std::string_view name);

// A metadata property (NULL-01).
struct Property {
  std::string name;
  std::string value;
  std::optional<uint8_t> name_length_override = std::nullopt;    // else name.size() modulo 256
  std::optional<uint32_t> value_length_override = std::nullopt;  // else value.size()

  bool operator==(const Property&) const = default;
};

// Each property: 1-octet name length, name, 4-octet network-order value length, value.
std::string encode_properties(const std::vector<Property>& properties);

// False with an error naming the offset (within `bytes`) of the property that is truncated, has
// trailing octets too few to be a property, or has a zero-length name (NULL-06: invalid per RFC,
// though libzmq accepts it). `out` is replaced with the properties read before the problem.
bool parse_properties(std::string_view bytes, std::vector<Property>& out, std::string& error);

// 1-255 octets of [A-Za-z0-9-_.+] (NULL-01).
bool is_valid_property_name(std::string_view name);

// Case-insensitive, as NULL-05 requires of receivers; nullptr when absent.
const Property* find_property(const std::vector<Property>& properties, std::string_view name);
// Exact case, as libzmq and JeroMQ match (NULL-05 notes).
const Property* find_property_exact(const std::vector<Property>& properties, std::string_view name);

// Builders. All return COMMAND frames except subscription_message.
Frame ready(const std::vector<Property>& properties);  // NULL-01
Frame error(std::string_view reason);     // NULL-08: 1-octet length (modulo 256), reason
Frame subscribe(std::string_view topic);  // SUB31-01, ZMTP 3.1
Frame cancel(std::string_view topic);     // SUB31-01, ZMTP 3.1
// SUB31-01, ZMTP 3.0: a message frame 0x01+topic (subscribe) or 0x00+topic (cancel).
Frame subscription_message(std::string_view topic, bool subscribe);
Frame ping(uint16_t ttl_deciseconds,
           std::string_view context = {});  // HB-01: context passed even if > 16
Frame pong(std::string_view context = {});  // HB-01
// PLAIN (PLAIN-01, RFC 24): 1-octet lengths written modulo 256.
Frame hello(std::string_view username, std::string_view password);
Frame welcome();
Frame initiate(const std::vector<Property>& properties);

// Parsers of a command's data. Each checks the name (exact case) and returns nullopt with `error`
// for a different command or malformed data.
inline constexpr size_t kMaxPingContext = 16;

struct Ping {
  uint16_t ttl_deciseconds = 0;
  std::string context;
  bool context_too_long = false;  // over 16 octets (HB-01): reported, not refused
  bool operator==(const Ping&) const = default;
};

struct Pong {
  std::string context;
  bool context_too_long = false;
  bool operator==(const Pong&) const = default;
};

struct Hello {
  std::string username;
  std::string password;
  bool operator==(const Hello&) const = default;
};

std::optional<std::vector<Property>> parse_ready(const Command& command, std::string& error);
std::optional<std::vector<Property>> parse_initiate(const Command& command, std::string& error);
// The reason; truncated or trailing octets are errors.
std::optional<std::string> parse_error(const Command& command, std::string& error);
std::optional<Ping> parse_ping(const Command& command, std::string& error);
std::optional<Pong> parse_pong(const Command& command, std::string& error);
std::optional<Hello> parse_hello(const Command& command, std::string& error);

}  // namespace zconform::zmtp
