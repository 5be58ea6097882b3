#include "scenario/wire_step_parser.hpp"

#include <map>

#include "scenario/step_parser.hpp"
#include "util/yaml_errors.hpp"
#include "zmtp/command.hpp"

namespace zconform {
namespace {

struct Context {
  const std::filesystem::path& file;
  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const { fail_at(file, at.Mark(), message); }

  long long integer(const YAML::Node& node, const std::string& what, long long min, long long max) const {
    long long v = 0;
    try {
      v = node.as<long long>();
    } catch (const YAML::Exception&) {
      fail(node, what + " must be an integer");
    }
    if (v < min || v > max) fail(node, what + " must be " + std::to_string(min) + ".." + std::to_string(max));
    return v;
  }
  uint8_t octet(const YAML::Node& node, const std::string& what) const {
    return static_cast<uint8_t>(integer(node, what, 0, 255));
  }
  bool boolean(const YAML::Node& node, const std::string& what) const {
    try {
      return node.as<bool>();
    } catch (const YAML::Exception&) {
      fail(node, what + " must be true or false");
    }
  }
  std::string bytes(const YAML::Node& node) const { return parse_byte_string(file, node); }
  const YAML::Node& map(const YAML::Node& node, const std::string& step) const {
    if (!node.IsMap() && !(node.IsNull())) fail(node, "'" + step + "' takes a mapping ({} for the defaults)");
    return node;
  }
};

OutcomeVerdict verdict(const Context& cx, const YAML::Node& node) {
  static const std::map<std::string, OutcomeVerdict> names = {{"pass", OutcomeVerdict::pass},
                                                              {"fail", OutcomeVerdict::fail},
                                                              {"non-strict", OutcomeVerdict::non_strict},
                                                              {"informational", OutcomeVerdict::informational}};
  auto it = names.find(node.IsScalar() ? node.Scalar() : "");
  if (it == names.end()) cx.fail(node, "a verdict is pass, fail, non-strict or informational");
  return it->second;
}

void otherwise(const Context& cx, const YAML::Node& body, WireStep& w) {
  if (body["otherwise"]) w.otherwise = verdict(cx, body["otherwise"]);
}

// Property maps keep the file's order: READY's properties go on the wire in that order.
std::vector<PropertySpec> properties(const Context& cx, const YAML::Node& node) {
  if (!node.IsMap()) cx.fail(node, "properties map names to values");
  std::vector<PropertySpec> out;
  for (const auto& e : node) out.emplace_back(e.first.Scalar(), cx.bytes(e.second));
  return out;
}

std::string network_u16(long long v) {
  return {static_cast<char>((v >> 8) & 0xFF), static_cast<char>(v & 0xFF)};
}

std::string short_string(const std::string& s) { return static_cast<char>(s.size() & 0xFF) + s; }

// The data after a command's name, from the fields that command takes.
std::string command_data(const Context& cx, const std::string& name, const YAML::Node& f) {
  std::string data;
  if (name == "PING") {
    data = network_u16(f["ttl"] ? cx.integer(f["ttl"], "'ttl'", 0, 65535) : 0);
    if (f["context"]) data += cx.bytes(f["context"]);
  } else if (name == "PONG") {
    if (f["context"]) data = cx.bytes(f["context"]);
  } else if (name == "SUBSCRIBE" || name == "CANCEL") {
    if (f["topic"]) data = cx.bytes(f["topic"]);
  } else if (name == "ERROR") {
    data = short_string(f["reason"] ? cx.bytes(f["reason"]) : std::string());
  } else if (name == "HELLO") {
    data = short_string(f["username"] ? cx.bytes(f["username"]) : "") + short_string(f["password"] ? cx.bytes(f["password"]) : "");
  }
  if (f["properties"]) {
    std::vector<zmtp::Property> props;
    for (auto& [n, v] : properties(cx, f["properties"])) props.push_back({n, v});
    data = zmtp::encode_properties(props);
  }
  if (f["data"]) data += cx.bytes(f["data"]);  // any command: octets after the fields (trailing junk, or all of it)
  return data;
}

void frame_modifiers(const Context& cx, const YAML::Node& f, WireFrameSpec& spec) {
  if (f["more"]) spec.more = cx.boolean(f["more"], "'more'");
  if (f["long"]) spec.force_long = cx.boolean(f["long"], "'long'");
  if (f["declared_size"]) {
    try {
      spec.declared_size = f["declared_size"].as<uint64_t>();
    } catch (const YAML::Exception&) {
      cx.fail(f["declared_size"], "'declared_size' must be an integer 0..2^64-1");
    }
  }
  if (f["reserved"]) spec.reserved = cx.octet(f["reserved"], "'reserved'");
  if (f["as_message"]) spec.as_message = cx.boolean(f["as_message"], "'as_message'");
  if (f["flags"]) spec.raw_flags = cx.octet(f["flags"], "'flags'");
  if (f["truncate"]) spec.truncate = static_cast<int>(cx.integer(f["truncate"], "'truncate'", 0, 1 << 26));
}

// A message frame's body as written: {body: ...}, {hex: ...} or, when `size_is_body`, the pattern of
// {size: N, fill: ...}; nullopt when the mapping has none of them.
std::optional<std::string> literal_body(const Context& cx, const YAML::Node& f, bool size_is_body) {
  if (f["body"]) return cx.bytes(f["body"]);
  if (f["hex"]) return parse_hex(cx.file, f["hex"]);
  if (f["size"] && size_is_body) return parse_generated(cx.file, f);
  return std::nullopt;
}

// "text" | {hex} | {size, fill} | {command: NAME, <fields>} plus the modifiers that make it lie.
WireFrameSpec write_frame(const Context& cx, const YAML::Node& f) {
  WireFrameSpec spec;
  if (f.IsScalar()) {
    spec.body = f.Scalar();
    return spec;
  }
  if (!f.IsMap()) cx.fail(f, "a frame to write is a string or a mapping");
  reject_unknown_keys(cx.file, f, {"body", "hex", "size", "fill", "command", "ttl", "context", "topic", "reason", "username", "password",
                                   "properties", "data", "more", "long", "declared_size", "reserved", "as_message", "flags",
                                   "truncate"});
  if (f["command"]) {
    const std::string name = f["command"].Scalar();
    spec.command = name;
    spec.body = zmtp::encode_command_body({name, command_data(cx, name, f)});
  } else if (auto body = literal_body(cx, f, true)) {
    spec.body = *body;
  } else {
    cx.fail(f, "a frame to write needs 'body', 'command', 'hex' or 'size' (or is a plain string)");
  }
  frame_modifiers(cx, f, spec);
  return spec;
}

WireFrameExpect read_frame(const Context& cx, const YAML::Node& f) {
  WireFrameExpect e;
  if (f.IsScalar()) {
    e.body = f.Scalar();
    return e;
  }
  if (!f.IsMap()) cx.fail(f, "an expected frame is a string or a mapping");
  reject_unknown_keys(cx.file, f, {"body", "hex", "size", "fill", "any", "command", "ttl", "context", "topic", "reason",
                                   "username", "password", "properties", "data", "more", "long"});
  if (f["command"]) {
    const std::string name = f["command"].Scalar();
    e.command = name;
    for (const char* field : {"topic", "context", "ttl", "reason", "username", "password", "properties", "data"}) {
      if (f[field]) e.body = command_data(cx, name, f);
    }
  } else if (auto body = literal_body(cx, f, !f["any"])) {
    e.body = *body;
  } else if (f["any"]) {
    if (f["size"]) e.size = static_cast<int>(cx.integer(f["size"], "'size'", 0, 1 << 26));
  } else {
    cx.fail(f, "an expected frame needs 'command', 'hex', 'size' or 'any' (or is a plain string)");
  }
  if (f["more"]) e.more = cx.boolean(f["more"], "'more'");
  if (f["long"]) e.long_size = cx.boolean(f["long"], "'long'");
  return e;
}

void greeting_fields(const Context& cx, const YAML::Node& b, GreetingSpec& g) {
  if (b["signature_first"]) g.signature_first = cx.octet(b["signature_first"], "'signature_first'");
  if (b["padding"]) g.padding = cx.bytes(b["padding"]);
  if (b["signature_last"]) g.signature_last = cx.octet(b["signature_last"], "'signature_last'");
  if (b["major"]) g.major = cx.octet(b["major"], "'major'");
  if (b["minor"]) g.minor = cx.octet(b["minor"], "'minor'");
  if (b["mechanism"]) g.mechanism = b["mechanism"].Scalar();
  if (b["as_server"]) g.as_server = cx.octet(b["as_server"], "'as_server'");
  if (b["filler"]) g.filler = cx.bytes(b["filler"]);
  if (YAML::Node pace = b["pace"]) {
    static const std::map<std::string, GreetingPace> paces = {
        {"staged", GreetingPace::staged}, {"whole", GreetingPace::whole}, {"listen_first", GreetingPace::listen_first}};
    auto it = paces.find(pace.Scalar());
    if (it == paces.end()) cx.fail(pace, "'pace' is staged, whole or listen_first");
    g.pace = it->second;
  }
  if (b["stop_after"]) g.stop_after = static_cast<int>(cx.integer(b["stop_after"], "'stop_after'", 0, 64));
  if (YAML::Node legacy = b["legacy"]) {
    if (legacy.Scalar() != "1.0" && legacy.Scalar() != "2.0") cx.fail(legacy, "'legacy' is \"1.0\" or \"2.0\"");
    g.legacy = legacy.Scalar();
  }
}

// Expected READY properties: value, ~ for absent, "*" for present with any value.
ReadyCheck ready_check(const Context& cx, const YAML::Node& node) {
  if (!node.IsMap()) cx.fail(node, "'properties' maps names to expected values (~ = absent, \"*\" = any)");
  ReadyCheck check;
  for (const auto& e : node) {
    if (e.second.IsNull()) check.emplace_back(e.first.Scalar(), std::nullopt);
    else check.emplace_back(e.first.Scalar(), cx.bytes(e.second));
  }
  return check;
}

int within(const Context& cx, const YAML::Node& b) {
  return b["within_ms"] ? static_cast<int>(cx.integer(b["within_ms"], "'within_ms'", 1, 600000)) : -1;
}

using Parser = void (*)(const Context&, const YAML::Node&, WireStep&);

const std::map<std::string, std::pair<StepKind, Parser>>& wire_table() {
  static const std::map<std::string, std::pair<StepKind, Parser>> table = {
      {"greet", {StepKind::greet, [](const Context& cx, const YAML::Node& b, WireStep& w) {
          reject_unknown_keys(cx.file, b, {"signature_first", "padding", "signature_last", "major", "minor", "mechanism",
                                           "as_server", "filler", "pace", "stop_after", "legacy"});
          greeting_fields(cx, b, w.greeting);
        }}},
      {"expect_greeting", {StepKind::expect_greeting, [](const Context& cx, const YAML::Node& b, WireStep& w) {
          reject_unknown_keys(cx.file, b, {"major", "min_minor", "mechanism", "as_server", "signature", "zero_filler",
                                           "whole", "otherwise"});
          GreetingCheck& c = w.greeting_check;
          if (b["major"]) c.major = cx.octet(b["major"], "'major'");
          if (b["min_minor"]) c.min_minor = cx.octet(b["min_minor"], "'min_minor'");
          if (b["mechanism"]) c.mechanism = b["mechanism"].Scalar();
          if (b["as_server"]) c.as_server = cx.octet(b["as_server"], "'as_server'");
          if (b["signature"]) c.signature = cx.boolean(b["signature"], "'signature'");
          if (b["zero_filler"]) c.zero_filler = cx.boolean(b["zero_filler"], "'zero_filler'");
          if (b["whole"]) c.whole = cx.boolean(b["whole"], "'whole'");
          otherwise(cx, b, w);
        }}},
      {"ready", {StepKind::ready, [](const Context& cx, const YAML::Node& b, WireStep& w) {
          reject_unknown_keys(cx.file, b, {"properties", "data", "more", "long", "declared_size", "reserved", "as_message",
                                           "flags", "truncate"});
          WireFrameSpec spec;
          spec.command = "READY";
          if (b["properties"]) spec.properties = properties(cx, b["properties"]);
          if (b["data"]) spec.body = cx.bytes(b["data"]);  // after the properties: trailing octets
          frame_modifiers(cx, b, spec);
          w.frames = {spec};
        }}},
      {"expect_ready", {StepKind::expect_ready, [](const Context& cx, const YAML::Node& b, WireStep& w) {
          reject_unknown_keys(cx.file, b, {"properties", "otherwise", "within_ms"});
          if (b["properties"]) w.ready_check = ready_check(cx, b["properties"]);
          else w.ready_check = {{"Socket-Type", "$TYPE"}};
          w.within_ms = within(cx, b);
          otherwise(cx, b, w);
        }}},
      {"handshake", {StepKind::handshake, [](const Context& cx, const YAML::Node& b, WireStep& w) {
          reject_unknown_keys(cx.file, b, {"minor", "properties"});
          greeting_fields(cx, b, w.greeting);
          WireFrameSpec spec;
          spec.command = "READY";
          if (b["properties"]) spec.properties = properties(cx, b["properties"]);
          w.frames = {spec};
        }}},
      {"write", {StepKind::write, [](const Context& cx, const YAML::Node& b, WireStep& w) {
          if (!b.IsSequence() || b.size() == 0) cx.fail(b, "'write' takes a list of frames (one message, or commands)");
          for (const auto& f : b) w.frames.push_back(write_frame(cx, f));
        }}},
      {"read", {StepKind::read, [](const Context& cx, const YAML::Node& b, WireStep& w) {
          // (yaml-cpp's Node assignment writes through to the node assigned to: no reassigning here.)
          const YAML::Node frames = b.IsMap() ? b["frames"] : b;
          if (b.IsMap()) {
            reject_unknown_keys(cx.file, b, {"frames", "within_ms", "otherwise"});
            w.within_ms = within(cx, b);
            otherwise(cx, b, w);
          }
          if (!frames || !frames.IsSequence() || frames.size() == 0) cx.fail(b, "'read' takes a list of expected frames");
          for (const auto& f : frames) w.expect.push_back(read_frame(cx, f));
        }}},
      {"outcome", {StepKind::outcome, [](const Context& cx, const YAML::Node& b, WireStep& w) {
          if (!b.IsMap()) cx.fail(b, "'outcome' maps outcomes (error, close, alive, open, downgrade) to verdicts");
          OutcomeSpec& o = w.outcome;
          std::string probe = "";
          for (const auto& e : b) {
            const std::string key = e.first.Scalar();
            if (key == "probe") probe = e.second.Scalar();
            else if (key == "within_ms") o.within_ms = within(cx, b);
            else if (key == "not_before_ms") o.not_before_ms = static_cast<int>(cx.integer(e.second, "'not_before_ms'", 0, 600000));
            else if (key == "error" || key == "close" || key == "alive" || key == "open" || key == "downgrade") o.accept[key] = verdict(cx, e.second);
            else cx.fail(e.first, "unknown key '" + key + "' (outcomes: error, close, alive, open, downgrade; probe, within_ms, not_before_ms)");
          }
          if (probe != "" && probe != "ping" && probe != "none") cx.fail(b["probe"], "'probe' is ping or none");
          o.ping_probe = probe.empty() ? o.accept.count("alive") > 0 : probe == "ping";
          if (o.accept.empty()) cx.fail(b, "'outcome' lists at least one accepted outcome");
        }}},
      {"hangup", {StepKind::hangup, [](const Context& cx, const YAML::Node& b, WireStep& w) {
          reject_unknown_keys(cx.file, b, {"half"});
          if (b["half"]) w.half_close = cx.boolean(b["half"], "'half'");
        }}},
      {"reconnect", {StepKind::reconnect, [](const Context& cx, const YAML::Node& b, WireStep&) {
          reject_unknown_keys(cx.file, b, {});
        }}},
      {"wire_sync", {StepKind::wire_sync, [](const Context& cx, const YAML::Node& b, WireStep&) {
          reject_unknown_keys(cx.file, b, {});
        }}},
  };
  return table;
}

}  // namespace

bool is_wire_step(const std::string& kind) { return wire_table().count(kind) > 0; }

std::string wire_step_names() {
  std::string names;
  for (const auto& [name, entry] : wire_table()) names += (names.empty() ? "" : ", ") + name;
  return names;
}

void parse_wire_step(const std::filesystem::path& file, const std::string& kind, const YAML::Node& body, Step& step) {
  const Context cx{file};
  auto& [step_kind, parser] = wire_table().at(kind);
  step.kind = step_kind;
  const YAML::Node b = (!body || body.IsNull()) ? YAML::Node(YAML::NodeType::Map) : body;
  if (kind != "write" && kind != "read" && !b.IsMap()) cx.fail(body, "'" + kind + "' takes a mapping ({} for the defaults)");
  parser(cx, b, step.wire);
}

}  // namespace zconform
