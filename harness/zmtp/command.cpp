#include "zmtp/command.hpp"

#include <algorithm>

#include "zmtp/network_order.hpp"

namespace zconform::zmtp {
namespace {

bool is_ascii_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

// Lengths above what the length octet holds are written modulo 256: the builders pass everything
// through, and the test sees the lie in the encoded bytes.
uint8_t low_octet(size_t length) { return static_cast<uint8_t>(length & 0xFF); }

void append_short_string(std::string& out, std::string_view text) {
  detail::append_u8(out, low_octet(text.size()));
  out.append(text);
}

Frame named_command(std::string_view name, std::string data) {
  return command_frame(Command{.name = std::string(name), .data = std::move(data)});
}

bool has_name(const Command& command, std::string_view expected, std::string& error) {
  if (command.name == expected) return true;
  error = "expected " + std::string(expected) + ", got " + command.name;
  return false;
}

std::string octets(size_t n) { return std::to_string(n) + (n == 1 ? " octet" : " octets"); }

std::optional<std::vector<Property>> parse_property_command(const Command& command,
                                                            std::string_view name,
                                                            std::string& error) {
  if (!has_name(command, name, error)) return std::nullopt;
  std::vector<Property> properties;
  if (!parse_properties(command.data, properties, error)) {
    error = std::string(name) + ": " + error;
    return std::nullopt;
  }
  return properties;
}

}  // namespace

std::string encode_command_body(const Command& command) {
  std::string out;
  detail::append_u8(out, command.name_length_override.value_or(low_octet(command.name.size())));
  out += command.name;
  out += command.data;
  return out;
}

Frame command_frame(const Command& command) {
  return Frame{.flags = kCommand, .body = encode_command_body(command)};
}

bool is_alpha_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), is_ascii_alpha);
}

std::optional<Command> parse_command_body(std::string_view body, std::string& error) {
  if (body.empty()) {
    error = "empty command body (FRAME-08: a command starts with its name length)";
    return std::nullopt;
  }
  size_t name_length = detail::read_u8(body, 0);
  if (name_length == 0) {
    error = "command name length 0 (FRAME-08: names are 1-255 octets)";
    return std::nullopt;
  }
  if (name_length > body.size() - 1) {
    error = "command name length " + std::to_string(name_length) + " but only " +
            octets(body.size() - 1) + " follow";
    return std::nullopt;
  }
  Command command;
  command.name = std::string(body.substr(1, name_length));
  command.data = std::string(body.substr(1 + name_length));
  command.name_is_alpha = is_alpha_name(command.name);
  return command;
}

std::string encode_properties(const std::vector<Property>& properties) {
  std::string out;
  for (const auto& property : properties) {
    detail::append_u8(out, property.name_length_override.value_or(low_octet(property.name.size())));
    out += property.name;
    detail::append_be(
        out, property.value_length_override.value_or(static_cast<uint32_t>(property.value.size())),
        4);
    out += property.value;
  }
  return out;
}

bool parse_properties(std::string_view bytes, std::vector<Property>& out, std::string& error) {
  out.clear();
  size_t at = 0;
  while (at < bytes.size()) {
    const size_t start = at;
    const std::string where = " at offset " + std::to_string(start);
    size_t name_length = detail::read_u8(bytes, at++);
    if (name_length == 0) {
      error = "zero-length property name" + where + " (NULL-06)";
      return false;
    }
    if (bytes.size() - at < name_length) {
      error = "truncated property" + where + ": name length " + std::to_string(name_length) +
              " but only " + octets(bytes.size() - at) + " follow";
      return false;
    }
    Property property;
    property.name = std::string(bytes.substr(at, name_length));
    at += name_length;
    if (bytes.size() - at < 4) {
      error = "truncated property" + where + ": value length needs 4 octets, only " +
              octets(bytes.size() - at) + " follow";
      return false;
    }
    uint64_t value_length = detail::read_be(bytes, at, 4);
    at += 4;
    if (bytes.size() - at < value_length) {
      error = "truncated property" + where + ": value length " + std::to_string(value_length) +
              " but only " + octets(bytes.size() - at) + " follow";
      return false;
    }
    property.value = std::string(bytes.substr(at, value_length));
    at += value_length;
    out.push_back(std::move(property));
  }
  return true;
}

bool is_valid_property_name(std::string_view name) {
  auto allowed = [](char c) {
    return is_ascii_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
           c == '+';
  };
  return !name.empty() && name.size() <= 255 && std::all_of(name.begin(), name.end(), allowed);
}

const Property* find_property(const std::vector<Property>& properties, std::string_view name) {
  auto it = std::find_if(properties.begin(), properties.end(),
                         [&](const Property& p) { return equal_ignoring_case(p.name, name); });
  return it == properties.end() ? nullptr : &*it;
}

const Property* find_property_exact(const std::vector<Property>& properties,
                                    std::string_view name) {
  auto it = std::find_if(properties.begin(), properties.end(),
                         [&](const Property& p) { return p.name == name; });
  return it == properties.end() ? nullptr : &*it;
}

Frame ready(const std::vector<Property>& properties) {
  return named_command("READY", encode_properties(properties));
}

Frame error(std::string_view reason) {
  std::string data;
  append_short_string(data, reason);
  return named_command("ERROR", std::move(data));
}

Frame subscribe(std::string_view topic) { return named_command("SUBSCRIBE", std::string(topic)); }

Frame cancel(std::string_view topic) { return named_command("CANCEL", std::string(topic)); }

Frame subscription_message(std::string_view topic, bool subscribe) {
  std::string body(1, subscribe ? '\x01' : '\x00');
  body += topic;
  return Frame{.flags = 0, .body = std::move(body)};
}

Frame ping(uint16_t ttl_deciseconds, std::string_view context) {
  std::string data;
  detail::append_be(data, ttl_deciseconds, 2);
  data += context;
  return named_command("PING", std::move(data));
}

Frame pong(std::string_view context) { return named_command("PONG", std::string(context)); }

Frame hello(std::string_view username, std::string_view password) {
  std::string data;
  append_short_string(data, username);
  append_short_string(data, password);
  return named_command("HELLO", std::move(data));
}

Frame welcome() { return named_command("WELCOME", ""); }

Frame initiate(const std::vector<Property>& properties) {
  return named_command("INITIATE", encode_properties(properties));
}

std::optional<std::vector<Property>> parse_ready(const Command& command, std::string& error) {
  return parse_property_command(command, "READY", error);
}

std::optional<std::vector<Property>> parse_initiate(const Command& command, std::string& error) {
  return parse_property_command(command, "INITIATE", error);
}

std::optional<std::string> parse_error(const Command& command, std::string& error) {
  if (!has_name(command, "ERROR", error)) return std::nullopt;
  std::string_view data = command.data;
  if (data.empty()) {
    error = "ERROR without its reason length octet (NULL-08)";
    return std::nullopt;
  }
  size_t length = detail::read_u8(data, 0);
  if (data.size() - 1 != length) {
    error = "ERROR reason length " + std::to_string(length) + " but " + octets(data.size() - 1) +
            " follow";
    return std::nullopt;
  }
  return std::string(data.substr(1));
}

std::optional<Ping> parse_ping(const Command& command, std::string& error) {
  if (!has_name(command, "PING", error)) return std::nullopt;
  if (command.data.size() < 2) {
    error = "PING with " + octets(command.data.size()) + " of data, 2 needed for the TTL (HB-01)";
    return std::nullopt;
  }
  Ping result;
  result.ttl_deciseconds = static_cast<uint16_t>(detail::read_be(command.data, 0, 2));
  result.context = command.data.substr(2);
  result.context_too_long = result.context.size() > kMaxPingContext;
  return result;
}

std::optional<Pong> parse_pong(const Command& command, std::string& error) {
  if (!has_name(command, "PONG", error)) return std::nullopt;
  return Pong{.context = command.data, .context_too_long = command.data.size() > kMaxPingContext};
}

std::optional<Hello> parse_hello(const Command& command, std::string& error) {
  if (!has_name(command, "HELLO", error)) return std::nullopt;
  std::string_view data = command.data;
  Hello result;
  size_t at = 0;
  for (auto [field, label] :
       {std::pair{&result.username, "username"}, std::pair{&result.password, "password"}}) {
    if (at >= data.size()) {
      error = std::string("HELLO ends before its ") + label + " length octet (PLAIN-01)";
      return std::nullopt;
    }
    size_t length = detail::read_u8(data, at++);
    if (data.size() - at < length) {
      error = std::string("HELLO ") + label + " length " + std::to_string(length) + " but only " +
              octets(data.size() - at) + " follow";
      return std::nullopt;
    }
    *field = std::string(data.substr(at, length));
    at += length;
  }
  if (at != data.size()) {
    error = "HELLO has " + octets(data.size() - at) + " after the password";
    return std::nullopt;
  }
  return result;
}

}  // namespace zconform::zmtp
