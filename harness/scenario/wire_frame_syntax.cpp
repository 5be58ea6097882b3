#include "scenario/wire_frame_syntax.hpp"

#include <algorithm>

#include "zmtp/command.hpp"

namespace zconform {
namespace {

const std::vector<std::string> kCommandFields = {"ttl",      "context",  "topic",      "reason",
                                                 "username", "password", "properties", "data"};

// A command's data as harness/zmtp builds it for that command (PING's TTL and context, ERROR's
// reason, ...); other names take `data` only.
std::string command_data(const YamlReader& r, const std::string& name, const YAML::Node& f) {
  auto bytes = [&](const char* key) { return f[key] ? r.bytes(f[key]) : std::string(); };
  zmtp::Frame built;
  if (name == "PING")
    built = zmtp::ping(static_cast<uint16_t>(f["ttl"] ? r.integer(f["ttl"], "'ttl'", 0, 65535) : 0),
                       bytes("context"));
  else if (name == "PONG")
    built = zmtp::pong(bytes("context"));
  else if (name == "SUBSCRIBE")
    built = zmtp::subscribe(bytes("topic"));
  else if (name == "CANCEL")
    built = zmtp::cancel(bytes("topic"));
  else if (name == "ERROR")
    built = zmtp::error(bytes("reason"));
  else if (name == "HELLO")
    built = zmtp::hello(bytes("username"), bytes("password"));
  std::string data;
  if (!built.body.empty()) {
    std::string error;
    data = zmtp::parse_command_body(built.body, error)->data;
  }
  if (f["properties"]) {
    std::vector<zmtp::Property> props;
    for (auto& [n, v] : read_properties(r, f["properties"])) props.push_back({n, v});
    data = zmtp::encode_properties(props);
  }
  if (f["data"])
    data +=
        r.bytes(f["data"]);  // any command: octets after the fields (trailing junk, or all of it)
  return data;
}

// A message frame's body as written: {body: ...}, {hex: ...} or, when `size_is_body`, the pattern
// of {size: N, fill: ...}; nullopt when the mapping has none of them.
std::optional<std::string> literal_body(const YamlReader& r, const YAML::Node& f,
                                        bool size_is_body) {
  if (f["body"]) return r.bytes(f["body"]);
  if (f["hex"]) return r.hex(f["hex"]);
  if (f["size"] && size_is_body) return r.generated(f);
  return std::nullopt;
}

// A frame written as a plain string is that body; else it is a mapping of `keys`.
std::optional<std::string> plain_body_or_mapping(const YamlReader& r, const YAML::Node& f,
                                                 const std::string& what,
                                                 const std::vector<std::string>& keys) {
  if (f.IsScalar()) return f.Scalar();
  if (!f.IsMap()) r.fail(f, what + " is a string or a mapping");
  r.only_keys(f, keys);
  return std::nullopt;
}

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

const std::vector<FrameLie>& frame_lies() {
  using R = const YamlReader&;
  using N = const YAML::Node&;
  static const std::vector<FrameLie> lies = {
      {"more", "true | false", "false (a command stands alone)", "the MORE flag",
       [](R r, N v, WireFrameSpec& s) { s.more = r.boolean(v, "'more'"); }},
      {"long", "true | false", "false", "an 8-octet size however short the body (FRAME-03)",
       [](R r, N v, WireFrameSpec& s) { s.force_long = r.boolean(v, "'long'"); }},
      {"declared_size", "integer 0..2^64-1", "none",
       "the size written in the header, lying about the body",
       [](R r, N v, WireFrameSpec& s) { s.declared_size = r.unsigned64(v, "'declared_size'"); }},
      {"reserved", "integer 0..255", "0", "OR-ed into the flags (FRAME-01)",
       [](R r, N v, WireFrameSpec& s) { s.reserved = r.octet(v, "'reserved'"); }},
      {"as_message", "true | false", "false",
       "a command's body without the COMMAND flag (FRAME-10)",
       [](R r, N v, WireFrameSpec& s) { s.as_message = r.boolean(v, "'as_message'"); }},
      {"flags", "integer 0..255", "none", "the flags octet exactly",
       [](R r, N v, WireFrameSpec& s) { s.raw_flags = r.octet(v, "'flags'"); }},
      {"truncate", "integer 0..67108864", "none",
       "only this many octets of the encoded frame are written",
       [](R r, N v, WireFrameSpec& s) { s.truncate = r.integer32(v, "'truncate'", 0, 1 << 26); }},
  };
  return lies;
}

void read_frame_lies(const YamlReader& r, const YAML::Node& f, WireFrameSpec& spec) {
  for (const auto& lie : frame_lies()) {
    if (const YAML::Node value = f[lie.name]) lie.read(r, value, spec);
  }
}

WireFrameSpec read_write_frame(const YamlReader& r, const YAML::Node& f) {
  WireFrameSpec spec;
  const auto keys =
      with(with({"body", "hex", "size", "fill", "command"}, kCommandFields),
           {"more", "long", "declared_size", "reserved", "as_message", "flags", "truncate"});
  if (auto plain = plain_body_or_mapping(r, f, "a frame to write", keys)) {
    spec.body = *plain;
    return spec;
  }
  if (f["command"]) {
    spec.command = f["command"].Scalar();
    spec.body = zmtp::encode_command_body({*spec.command, command_data(r, *spec.command, f)});
  } else if (auto body = literal_body(r, f, true)) {
    spec.body = *body;
  } else {
    r.fail(f, "a frame to write needs 'body', 'command', 'hex' or 'size' (or is a plain string)");
  }
  read_frame_lies(r, f, spec);
  return spec;
}

WireFrameExpect read_expected_frame(const YamlReader& r, const YAML::Node& f) {
  WireFrameExpect e;
  const auto keys = with(with({"body", "hex", "size", "fill", "any", "command"}, kCommandFields),
                         {"more", "long"});
  if (auto plain = plain_body_or_mapping(r, f, "an expected frame", keys)) {
    e.body = *plain;
    return e;
  }
  const bool checks_data = std::any_of(kCommandFields.begin(), kCommandFields.end(),
                                       [&f](const std::string& k) { return f[k]; });
  if (f["command"]) {
    e.command = f["command"].Scalar();
    if (checks_data) e.body = command_data(r, *e.command, f);  // else any data
  } else if (auto body = literal_body(r, f, !f["any"])) {
    e.body = *body;
  } else if (f["any"]) {
    if (f["size"]) e.size = r.integer32(f["size"], "'size'", 0, 1 << 26);
  } else {
    r.fail(f, "an expected frame needs 'command', 'hex', 'size' or 'any' (or is a plain string)");
  }
  if (f["more"]) e.more = r.boolean(f["more"], "'more'");
  if (f["long"]) e.long_size = r.boolean(f["long"], "'long'");
  return e;
}

std::vector<PropertySpec> read_properties(const YamlReader& r, const YAML::Node& node) {
  if (!node.IsMap()) r.fail(node, "properties map names to values");
  std::vector<PropertySpec> out;
  for (const auto& e : node) out.emplace_back(e.first.Scalar(), r.bytes(e.second));
  return out;
}

ReadyCheck read_ready_check(const YamlReader& r, const YAML::Node& node) {
  if (!node.IsMap())
    r.fail(node, "'properties' maps names to expected values (~ = absent, \"*\" = any)");
  ReadyCheck check;
  for (const auto& e : node) {
    if (e.second.IsNull())
      check.emplace_back(e.first.Scalar(), std::nullopt);
    else
      check.emplace_back(e.first.Scalar(), r.bytes(e.second));
  }
  return check;
}

OutcomeVerdict read_outcome_verdict(const YamlReader& r, const YAML::Node& node) {
  return r.choice<OutcomeVerdict>(node, "a verdict",
                                  {{"pass", OutcomeVerdict::pass},
                                   {"fail", OutcomeVerdict::fail},
                                   {"non-strict", OutcomeVerdict::non_strict},
                                   {"informational", OutcomeVerdict::informational}});
}

}  // namespace zconform
