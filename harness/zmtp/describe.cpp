#include "zmtp/describe.hpp"

#include <algorithm>
#include <vector>

#include "zmtp/command.hpp"

namespace zconform::zmtp {
namespace {

constexpr size_t kQuoteLimit = 64;
constexpr size_t kHexPrefix = 16;

bool printable(char c) { return c >= 0x20 && c < 0x7F && c != '"'; }

bool all_zero(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\0'; });
}

// Property values and names read best bare (Socket-Type=PUB); anything that could be misread
// (empty, spaces, binary) goes through describe_bytes.
std::string bare_or_described(std::string_view text) {
  bool bare = !text.empty() && text.size() <= kQuoteLimit &&
              std::all_of(text.begin(), text.end(),
                          [](char c) { return printable(c) && c != ' ' && c != '='; });
  return bare ? std::string(text) : describe_bytes(text);
}

std::string describe_properties(std::string_view data) {
  std::vector<Property> properties;
  std::string error;
  if (!parse_properties(data, properties, error)) {
    return " <malformed properties: " + error + "> data=" + describe_bytes(data);
  }
  std::string out;
  for (const auto& property : properties) {
    out += " " + bare_or_described(property.name) + "=" + bare_or_described(property.value);
  }
  return out;
}

template <typename Parsed, typename Render>
std::string describe_parsed(const std::optional<Parsed>& parsed, const std::string& error,
                            const Command& command, Render render) {
  if (!parsed) return " <malformed: " + error + "> data=" + describe_bytes(command.data);
  return render(*parsed);
}

std::string describe_command_data(const Command& command) {
  std::string error;
  const std::string& name = command.name;
  if (name == "READY" || name == "INITIATE") return describe_properties(command.data);
  if (name == "ERROR") {
    return describe_parsed(
        parse_error(command, error), error, command,
        [](const std::string& reason) { return " reason=" + describe_bytes(reason); });
  }
  if (name == "PING") {
    return describe_parsed(parse_ping(command, error), error, command, [](const Ping& p) {
      return " ttl=" + std::to_string(p.ttl_deciseconds) + " context=" + describe_bytes(p.context) +
             (p.context_too_long ? " (context over 16 octets, HB-01)" : "");
    });
  }
  if (name == "PONG") {
    return describe_parsed(parse_pong(command, error), error, command, [](const Pong& p) {
      return " context=" + describe_bytes(p.context) +
             (p.context_too_long ? " (context over 16 octets, HB-01)" : "");
    });
  }
  if (name == "HELLO") {
    return describe_parsed(parse_hello(command, error), error, command, [](const Hello& h) {
      return " username=" + describe_bytes(h.username) + " password=" + describe_bytes(h.password);
    });
  }
  if (name == "SUBSCRIBE" || name == "CANCEL") return " topic=" + describe_bytes(command.data);
  return command.data.empty() ? "" : " data=" + describe_bytes(command.data);
}

std::string describe_command(const DecodedFrame& frame) {
  std::string error;
  auto command = parse_command_body(frame.body, error);
  if (!command) return " <malformed command: " + error + "> body=" + describe_bytes(frame.body);
  std::string name = command->name_is_alpha
                         ? command->name
                         : describe_bytes(command->name) + " (name not ALPHA, FRAME-08)";
  return " " + name + describe_command_data(*command);
}

}  // namespace

std::string hex(std::string_view bytes, size_t max_bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  size_t shown = std::min(bytes.size(), max_bytes);
  std::string out;
  out.reserve(shown * 2 + 3);
  for (size_t i = 0; i < shown; ++i) {
    auto octet = static_cast<unsigned char>(bytes[i]);
    out += kDigits[octet >> 4];
    out += kDigits[octet & 15];
  }
  if (shown < bytes.size()) out += "...";
  return out;
}

std::string describe_bytes(std::string_view bytes) {
  if (bytes.size() <= kQuoteLimit && std::all_of(bytes.begin(), bytes.end(), printable)) {
    return "\"" + std::string(bytes) + "\"";
  }
  return "<" + std::to_string(bytes.size()) + " bytes: " + hex(bytes, kHexPrefix) + ">";
}

std::string describe_flags(uint8_t flags) {
  std::string out;
  auto add = [&](const std::string& name) { out += (out.empty() ? "" : "|") + name; };
  if (flags & kMore) add("MORE");
  if (flags & kLong) add("LONG");
  if (flags & kCommand) add("COMMAND");
  if (flags & kReservedBits)
    add("RESERVED(0x" + hex(std::string(1, static_cast<char>(flags & kReservedBits))) + ")");
  return out;
}

std::string describe_frame(const DecodedFrame& frame) {
  std::string out = describe_flags(frame.flags);
  if (frame.command) return out + describe_command(frame);
  return out + (out.empty() ? "" : " ") + "size=" + std::to_string(frame.declared_size) +
         " body=" + describe_bytes(frame.body);
}

std::string describe_greeting(const Greeting& greeting) {
  std::string out = "greeting " + std::to_string(greeting.major) + "." +
                    std::to_string(greeting.minor) + " " + bare_or_described(greeting.mechanism) +
                    " as-server=" + std::to_string(greeting.as_server);
  if (greeting.signature_first != 0xFF || greeting.signature_last != 0x7F) {
    out += " signature=" + hex(std::string{static_cast<char>(greeting.signature_first)}) + ".." +
           hex(std::string{static_cast<char>(greeting.signature_last)});
  }
  // Padding and filler as they go on the wire (fixed widths), not as the struct holds them.
  std::string wire = encode_greeting(greeting);
  std::string_view padding = std::string_view(wire).substr(kPaddingOffset, kPaddingSize);
  std::string_view filler = std::string_view(wire).substr(kFillerOffset, kFillerSize);
  if (!all_zero(padding)) out += " padding=" + hex(padding);  // GREET-02: legal, but worth seeing
  if (!all_zero(filler)) out += " filler=" + describe_bytes(filler);
  return out;
}

}  // namespace zconform::zmtp
