#include "scenario/step_parser.hpp"

#include <map>
#include <regex>

#include "scenario/wire_step_parser.hpp"
#include "util/yaml_errors.hpp"

namespace zconform {
namespace {

constexpr int kMaxGeneratedFrame = 64 << 20;

struct Context {
  const std::filesystem::path& file;
  const Scenario& scenario;
  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const { fail_at(file, at.Mark(), message); }

  int as_int(const YAML::Node& node, const std::string& what) const {
    try {
      return node.as<int>();
    } catch (const YAML::Exception&) {
      fail(node, what + " must be an integer");
    }
  }
  bool as_bool(const YAML::Node& node, const std::string& what) const {
    try {
      return node.as<bool>();
    } catch (const YAML::Exception&) {
      fail(node, what + " must be true or false");
    }
  }
  std::string socket(const YAML::Node& node) const {
    if (!node || !node.IsScalar()) fail(node, "expected a socket name");
    if (!scenario.sockets.count(node.Scalar())) {
      std::string known;
      for (const auto& [name, role] : scenario.sockets) known += " " + name;
      fail(node, "unknown socket '" + node.Scalar() + "' (declared:" + known + ")");
    }
    return node.Scalar();
  }
  std::vector<std::string> socket_list(const YAML::Node& node, size_t min) const {
    if (!node || !node.IsSequence() || node.size() < min) {
      fail(node, "expected a list of at least " + std::to_string(min) + " socket names");
    }
    std::vector<std::string> names;
    for (const auto& n : node) names.push_back(socket(n));
    return names;
  }
  Role role(const YAML::Node& node) const {
    if (!node.IsScalar() || (node.Scalar() != "A" && node.Scalar() != "B")) fail(node, "expected a role: A or B");
    return node.Scalar() == "A" ? Role::a : Role::b;
  }
  YAML::Node require(const YAML::Node& map, const char* key) const {
    if (!map[key]) fail(map, std::string("missing field '") + key + "'");
    return map[key];
  }
};

std::string decode_hex(const Context& cx, const YAML::Node& node) {
  std::string hex = node.Scalar();
  std::erase_if(hex, [](char c) { return c == ' ' || c == '_'; });
  if (hex.size() % 2 != 0 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    cx.fail(node, "hex must hold an even number of hex digits");
  }
  std::string bytes;
  for (size_t i = 0; i < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return bytes;
}

// {size: N, fill: "ab"}: fill repeated; without fill a pattern cycling through 251 byte values, so
// that truncation or reordering shows.
std::string generated(const Context& cx, const YAML::Node& node) {
  int size = cx.as_int(node["size"], "frame size");
  if (size < 0 || size > kMaxGeneratedFrame) cx.fail(node["size"], "frame size must be 0..64 MiB");
  std::string fill = node["fill"] ? node["fill"].Scalar() : std::string();
  std::string bytes(static_cast<size_t>(size), '\0');
  for (int i = 0; i < size; ++i) {
    bytes[i] = fill.empty() ? static_cast<char>(i % 251) : fill[static_cast<size_t>(i) % fill.size()];
  }
  return bytes;
}

FrameSpec parse_frame(const Context& cx, const YAML::Node& node) {
  if (node.IsScalar()) return FrameSpec::literal(node.Scalar());
  if (!node.IsMap()) cx.fail(node, "a frame is a string or a mapping ({hex: ...}, {size: N}, {id: socket}, ...)");
  reject_unknown_keys(cx.file, node, {"hex", "size", "fill", "id", "var", "capture", "any"});
  if (node["hex"]) return FrameSpec::literal(decode_hex(cx, node["hex"]));
  if (node["id"]) return FrameSpec::named(FrameSpec::Kind::routing_id, node["id"].Scalar());
  if (node["var"]) return FrameSpec::named(FrameSpec::Kind::variable, node["var"].Scalar());
  int size = -1;
  if ((node["capture"] || node["any"]) && node["size"]) size = cx.as_int(node["size"], "frame size");
  if (node["capture"]) return FrameSpec::named(FrameSpec::Kind::capture, node["capture"].Scalar(), size);
  if (node["any"]) return FrameSpec::named(FrameSpec::Kind::any, "", size);
  if (node["size"]) return FrameSpec::literal(generated(cx, node));
  cx.fail(node, "a frame is a string, {hex: ...}, {size: N, fill: ...}, {id: socket}, {var: name}, {capture: name} or {any: true}");
}

protocol::Json parse_value(const Context& cx, const YAML::Node& node) {
  // Option values: integers, booleans, strings, or {hex: ...} for binary ones.
  if (node.IsMap() && node["hex"]) return decode_hex(cx, node["hex"]);
  if (!node.IsScalar()) cx.fail(node, "option value must be a number, true/false, a string or {hex: ...}");
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;  // quoted in the file: a string whatever it looks like
  if (text == "true" || text == "false") return text == "true";
  static const std::regex integer(R"(-?[0-9]+)");
  if (std::regex_match(text, integer)) return std::stoll(text);
  return text;
}

EndpointSpec parse_endpoint(const Context& cx, const YAML::Node& node) {
  if (!node) return {};
  if (node.IsMap() && node["of"]) return {EndpointSpec::Kind::of_socket, cx.socket(node["of"])};
  if (!node.IsScalar()) cx.fail(node, "an endpoint is 'auto', {of: socket} or a literal endpoint string");
  if (node.Scalar() == "auto") return {};
  return {EndpointSpec::Kind::literal, node.Scalar()};
}

void common_fields(const Context& cx, const YAML::Node& body, Step& step) {
  if (body["error"]) step.error = body["error"].Scalar();
  if (body["timeout_ms"]) step.timeout_ms = cx.as_int(body["timeout_ms"], "'timeout_ms'");
}

// `as: name`: the request is sent and not waited for; a later `reply` or `pending` names it.
void async_name(const Context& cx, const YAML::Node& body, Step& step) {
  if (!body["as"]) return;
  step.as = body["as"].Scalar();
  static const std::regex form(R"([a-z][a-z0-9_]*)");
  if (!std::regex_match(step.as, form)) cx.fail(body["as"], "'as' names a request: [a-z][a-z0-9_]*");
}

FloodExpect flood_expect(const Context& cx, const YAML::Node& node) {
  if (!node.IsScalar() || (node.Scalar() != "blocks" && node.Scalar() != "drops")) {
    cx.fail(node, "'expect' is blocks (the sender is refused at the high-water mark) or drops (it never is)");
  }
  return node.Scalar() == "blocks" ? FloodExpect::blocks : FloodExpect::drops;
}

bool numbered(const FrameSpecs& frames) {
  for (const auto& f : frames) {
    if (f.kind == FrameSpec::Kind::literal && f.bytes.find("{n}") != std::string::npos) return true;
  }
  return false;
}

void bounds(const Context& cx, const YAML::Node& b, Step& s) {
  if (b["at_most"]) s.at_most = cx.as_int(b["at_most"], "'at_most'");
  if (b["at_least"]) s.at_least = cx.as_int(b["at_least"], "'at_least'");
  if (s.at_most >= 0 && s.at_least > s.at_most) cx.fail(b, "'at_least' is above 'at_most'");
}

// flood: {socket, frames, count, expect, at_most, at_least, error}
void parse_flood(const Context& cx, const YAML::Node& b, Step& s) {
  reject_unknown_keys(cx.file, b, {"socket", "frames", "count", "expect", "at_most", "at_least", "error"});
  s.sockets = {cx.socket(cx.require(b, "socket"))};
  s.frames = parse_frames(cx.file, cx.require(b, "frames"));
  if (!numbered(s.frames)) cx.fail(b["frames"], "flood frames must hold \"{n}\" somewhere: the receiver tells the messages apart by it");
  s.count = cx.as_int(cx.require(b, "count"), "'count'");
  if (s.count < 1 || s.count > 100000) cx.fail(b["count"], "'count' must be 1..100000");
  s.expect = flood_expect(cx, cx.require(b, "expect"));
  bounds(cx, b, s);
  common_fields(cx, b, s);
  if (s.error && s.expect == FloodExpect::drops) cx.fail(b["error"], "a flood that drops is never refused: 'error' goes with expect: blocks");
  if (!s.error && s.expect == FloodExpect::blocks) s.error = "EAGAIN";
}

// collect: {socket, from, frames, loss: none|allowed, at_most, at_least, all_from}
void parse_collect(const Context& cx, const YAML::Node& b, Step& s) {
  reject_unknown_keys(cx.file, b, {"socket", "from", "frames", "loss", "at_most", "at_least", "all_from"});
  s.sockets = {cx.socket(cx.require(b, "socket")), cx.socket(cx.require(b, "from"))};
  s.frames = parse_frames(cx.file, cx.require(b, "frames"));
  if (!numbered(s.frames)) cx.fail(b["frames"], "collected frames must hold \"{n}\" as the flood's do");
  if (const YAML::Node loss = b["loss"]) {
    if (!loss.IsScalar() || (loss.Scalar() != "none" && loss.Scalar() != "allowed")) {
      cx.fail(loss, "'loss' is none (every message arrives) or allowed (a dropping socket, a fault)");
    }
    s.expect = loss.Scalar() == "none" ? FloodExpect::blocks : FloodExpect::drops;
  }
  if (s.expect == FloodExpect::blocks && b["all_from"]) cx.fail(b["all_from"], "'all_from' goes with 'loss: allowed'");
  bounds(cx, b, s);
  if (b["all_from"]) {
    s.all_from = cx.as_int(b["all_from"], "'all_from'");
    if (s.all_from < 0) cx.fail(b["all_from"], "'all_from' is a message number: 0 or more");
  }
}

// fault: cut | black_hole | half_close | restore | {delay_ms: N} | {drip: {bytes: N, every_ms: M}}
void parse_fault(const Context& cx, const YAML::Node& b, Step& s) {
  if (!cx.scenario.relay) cx.fail(b, "'fault' acts on the fault relay: the scenario needs 'relay: true'");
  static const std::map<std::string, FaultSpec::Kind> plain = {
      {"cut", FaultSpec::Kind::cut}, {"black_hole", FaultSpec::Kind::black_hole},
      {"half_close", FaultSpec::Kind::half_close}, {"restore", FaultSpec::Kind::restore}};
  if (b.IsScalar()) {
    auto it = plain.find(b.Scalar());
    if (it == plain.end()) cx.fail(b, "a fault is cut, black_hole, half_close, restore, {delay_ms: N} or {drip: {bytes: N, every_ms: M}}");
    s.fault.kind = it->second;
    return;
  }
  if (!b.IsMap()) cx.fail(b, "a fault is a name or {delay_ms: N} / {drip: {...}}");
  reject_unknown_keys(cx.file, b, {"delay_ms", "drip"});
  if (b["delay_ms"] && b["drip"]) cx.fail(b, "one fault at a time: delay_ms or drip, not both");
  if (b["delay_ms"]) {
    s.fault.kind = FaultSpec::Kind::delay;
    s.fault.delay_ms = cx.as_int(b["delay_ms"], "'delay_ms'");
    if (s.fault.delay_ms < 1 || s.fault.delay_ms > 60000) cx.fail(b["delay_ms"], "'delay_ms' must be 1..60000");
    return;
  }
  const YAML::Node drip = cx.require(b, "drip");
  reject_unknown_keys(cx.file, drip, {"bytes", "every_ms"});
  s.fault.kind = FaultSpec::Kind::drip;
  s.fault.bytes = cx.as_int(cx.require(drip, "bytes"), "'bytes'");
  s.fault.every_ms = cx.as_int(cx.require(drip, "every_ms"), "'every_ms'");
  if (s.fault.bytes < 1 || s.fault.every_ms < 1 || s.fault.every_ms > 10000) cx.fail(drip, "drip needs bytes >= 1 and every_ms 1..10000");
}

using Parser = void (*)(const Context&, const YAML::Node&, Step&);

const std::map<std::string, std::pair<StepKind, Parser>>& step_table() {
  static const std::map<std::string, std::pair<StepKind, Parser>> table = {
      {"link", {StepKind::link, [](const Context& cx, const YAML::Node& b, Step& s) {
          s.sockets = cx.socket_list(b, 2);
          if (s.sockets.size() != 2) cx.fail(b, "'link' takes two socket names: [a, b]");
          if (cx.scenario.sockets.at(s.sockets[0]) == cx.scenario.sockets.at(s.sockets[1])) {
            cx.fail(b, "'link' joins a socket of role A to one of role B");
          }
        }}},
      {"send", {StepKind::send, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"socket", "frames", "error", "timeout_ms", "dontwait", "count", "as", "blocking", "number_from"});
          s.sockets = {cx.socket(cx.require(b, "socket"))};
          s.frames = parse_frames(cx.file, cx.require(b, "frames"));
          if (s.frames.empty()) cx.fail(b, "'send' needs a non-empty 'frames' list");
          if (b["count"]) s.count = cx.as_int(b["count"], "'count'");
          if (s.count < 1 || s.count > 100000) cx.fail(b, "'count' must be 1..100000");
          if (b["dontwait"]) s.dontwait = cx.as_bool(b["dontwait"], "'dontwait'");
          if (b["blocking"]) s.blocking = cx.as_bool(b["blocking"], "'blocking'");
          if (b["number_from"]) s.number_from = cx.as_int(b["number_from"], "'number_from'");
          if (s.number_from < 0 || (b["number_from"] && s.count < 2)) cx.fail(b, "'number_from' (>= 0) goes with a 'count' of 2 or more");
          if (s.blocking && (s.dontwait || b["timeout_ms"])) cx.fail(b, "'blocking' leaves the wait to the implementation: no 'dontwait' or 'timeout_ms' with it");
          common_fields(cx, b, s);
          async_name(cx, b, s);
          if (!s.as.empty() && (s.count != 1 || s.error || s.dontwait || s.blocking || s.timeout_ms >= 0)) {
            cx.fail(b, "an asynchronous send ('as') is one message that blocks until a later step; its outcome is checked by a 'reply' step");
          }
        }}},
      {"recv", {StepKind::recv, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"socket", "frames", "error", "timeout_ms", "as"});
          s.sockets = {cx.socket(cx.require(b, "socket"))};
          if (b["frames"]) s.frames = parse_frames(cx.file, b["frames"]);
          common_fields(cx, b, s);
          async_name(cx, b, s);
          if (!s.as.empty()) {
            if (!s.frames.empty() || s.error || s.timeout_ms >= 0) {
              cx.fail(b, "an asynchronous recv ('as') blocks until a later step and is checked by a 'reply' step: no 'frames', 'error' or 'timeout_ms' here");
            }
            return;
          }
          if (s.frames.empty() == !s.error) cx.fail(b, "'recv' expects either 'frames' or an 'error', not both");
        }}},
      {"set", {StepKind::set, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"socket", "option", "value", "error"});
          s.sockets = {cx.socket(cx.require(b, "socket"))};
          s.option = require_scalar(cx.file, b, "option");
          s.value = parse_value(cx, cx.require(b, "value"));
          common_fields(cx, b, s);
        }}},
      {"get", {StepKind::get, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"socket", "option", "value", "error"});
          s.sockets = {cx.socket(cx.require(b, "socket"))};
          s.option = require_scalar(cx.file, b, "option");
          if (b["value"]) s.value = parse_value(cx, b["value"]);
          common_fields(cx, b, s);
          if (s.value.is_null() == !s.error) cx.fail(b, "'get' expects either a 'value' or an 'error'");
        }}},
      {"transfer", {StepKind::transfer, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"from", "to", "body", "count"});
          s.sockets = {cx.socket(cx.require(b, "from")), cx.socket(cx.require(b, "to"))};
          s.frames = parse_frames(cx.file, cx.require(b, "body"));
          if (s.frames.empty()) cx.fail(b, "'body' needs at least one frame");
          if (b["count"]) s.count = cx.as_int(b["count"], "'count'");
          if (s.count < 1 || s.count > 100000) cx.fail(b, "'count' must be 1..100000");
        }}},
      {"subscribe", {StepKind::subscribe, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"socket", "topics"});
          s.sockets = {cx.socket(cx.require(b, "socket"))};
          for (const auto& f : parse_frames(cx.file, cx.require(b, "topics"))) s.topics.push_back(f.bytes);
        }}},
      {"unsubscribe", {StepKind::unsubscribe, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"socket", "topics"});
          s.sockets = {cx.socket(cx.require(b, "socket"))};
          for (const auto& f : parse_frames(cx.file, cx.require(b, "topics"))) s.topics.push_back(f.bytes);
        }}},
      {"sync", {StepKind::sync, [](const Context& cx, const YAML::Node& b, Step& s) {
          if (b.IsMap()) {
            // {publisher, subscriber, topic}: probes on a topic subscribed earlier, nothing new subscribed.
            reject_unknown_keys(cx.file, b, {"publisher", "subscriber", "topic"});
            s.sockets = {cx.socket(cx.require(b, "publisher")), cx.socket(cx.require(b, "subscriber"))};
            s.topic = parse_byte_string(cx.file, cx.require(b, "topic"));
            return;
          }
          s.sockets = cx.socket_list(b, 2);
          if (s.sockets.size() != 2) cx.fail(b, "'sync' takes [publisher, subscriber]");
        }}},
      {"barrier", {StepKind::barrier, [](const Context& cx, const YAML::Node& b, Step& s) {
          s.sockets = cx.socket_list(b, 2);
          if (s.sockets.size() != 2) cx.fail(b, "'barrier' takes [from, to]");
        }}},
      {"await", {StepKind::await_event, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"socket", "event", "count", "absent"});
          s.sockets = {cx.socket(cx.require(b, "socket"))};
          s.event = require_scalar(cx.file, b, "event");
          if (b["count"]) s.count = cx.as_int(b["count"], "'count'");
          if (b["absent"]) s.absent = require_string_list(cx.file, b, "absent");
          if (!cx.scenario.monitors) cx.fail(b, "'await' needs monitors: the scenario says 'monitors: false'");
        }}},
      {"close", {StepKind::close, [](const Context& cx, const YAML::Node& b, Step& s) {
          s.sockets = {cx.socket(b)};
        }}},
      {"round_robin", {StepKind::round_robin, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"from", "to", "count"});
          s.sockets = {cx.socket(cx.require(b, "from"))};
          for (auto& name : cx.socket_list(cx.require(b, "to"), 2)) s.sockets.push_back(name);
          if (b["count"]) s.count = cx.as_int(b["count"], "'count'");
        }}},
      {"fair_queue", {StepKind::fair_queue, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"from", "to", "count"});
          s.sockets = {cx.socket(cx.require(b, "to"))};
          for (auto& name : cx.socket_list(cx.require(b, "from"), 2)) s.sockets.push_back(name);
          if (b["count"]) s.count = cx.as_int(b["count"], "'count'");
        }}},
      {"kill", {StepKind::kill, [](const Context& cx, const YAML::Node& b, Step& s) {
          if (!b.IsScalar() || (b.Scalar() != "A" && b.Scalar() != "B")) cx.fail(b, "'kill' names a role: A or B");
          if (!cx.scenario.separate_processes) cx.fail(b, "'kill' needs 'processes: separate' in the scenario");
          s.role = b.Scalar() == "A" ? Role::a : Role::b;
        }}},
      {"drain", {StepKind::drain, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"socket", "frames", "until"});
          s.sockets = {cx.socket(cx.require(b, "socket"))};
          s.frames = parse_frames(cx.file, cx.require(b, "frames"));
          if (b["until"]) s.event = b["until"].Scalar();
        }}},
      {"flood", {StepKind::flood, parse_flood}},
      {"collect", {StepKind::collect, parse_collect}},
      {"term", {StepKind::term, [](const Context& cx, const YAML::Node& b, Step& s) {
          if (b.IsScalar()) return void(s.role = cx.role(b));
          reject_unknown_keys(cx.file, b, {"role", "as", "error"});
          s.role = cx.role(cx.require(b, "role"));
          common_fields(cx, b, s);
          async_name(cx, b, s);
          if (!s.as.empty() && s.error) cx.fail(b, "an asynchronous term ('as') is checked by a 'reply' step: no 'error' here");
        }}},
      {"shutdown", {StepKind::shutdown, [](const Context& cx, const YAML::Node& b, Step& s) { s.role = cx.role(b); }}},
      {"new_socket", {StepKind::new_socket, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"role", "type", "error"});
          s.role = cx.role(cx.require(b, "role"));
          s.type = require_scalar(cx.file, b, "type");
          common_fields(cx, b, s);
        }}},
      {"reply", {StepKind::reply, [](const Context& cx, const YAML::Node& b, Step& s) {
          reject_unknown_keys(cx.file, b, {"of", "error", "frames", "within_ms", "not_before_ms"});
          s.requests = {require_scalar(cx.file, b, "of")};
          if (b["frames"]) s.frames = parse_frames(cx.file, b["frames"]);
          if (b["within_ms"]) s.within_ms = cx.as_int(b["within_ms"], "'within_ms'");
          if (b["not_before_ms"]) s.not_before_ms = cx.as_int(b["not_before_ms"], "'not_before_ms'");
          common_fields(cx, b, s);
          if (!s.frames.empty() && s.error) cx.fail(b, "'reply' expects 'frames' or an 'error', not both");
        }}},
      {"pending", {StepKind::pending, [](const Context& cx, const YAML::Node& b, Step& s) {
          // [t, r], or {of: [t, r], for_ms: N}: still unanswered N ms on (a bounded check of absence).
          // (Constructed, never assigned: assigning a YAML::Node overwrites the node it refers to.)
          const YAML::Node names = b.IsMap() ? cx.require(b, "of") : b;
          if (b.IsMap()) {
            reject_unknown_keys(cx.file, b, {"of", "for_ms"});
            if (b["for_ms"]) {
              s.within_ms = cx.as_int(b["for_ms"], "'for_ms'");
              if (s.within_ms < 0 || s.within_ms > 10000) cx.fail(b["for_ms"], "'for_ms' must be 0..10000");
            }
          }
          if (!names.IsSequence() || names.size() == 0) cx.fail(b, "'pending' lists the names of asynchronous requests: [t, r]");
          for (const auto& n : names) s.requests.push_back(n.Scalar());
        }}},
      {"fault", {StepKind::fault, parse_fault}},
      {"restart", {StepKind::restart, [](const Context& cx, const YAML::Node& b, Step& s) {
          s.role = cx.role(b);
          if (!cx.scenario.separate_processes) cx.fail(b, "'restart' needs 'processes: separate' in the scenario");
        }}},
  };
  return table;
}

void endpoint_step(const Context& cx, const YAML::Node& b, Step& s, bool needs_endpoint) {
  if (!b.IsMap()) cx.fail(b, "expected {socket: ..., endpoint: ...}");
  reject_unknown_keys(cx.file, b, {"socket", "endpoint", "error"});
  s.sockets = {cx.socket(cx.require(b, "socket"))};
  if (needs_endpoint) cx.require(b, "endpoint");
  s.endpoint = parse_endpoint(cx, b["endpoint"]);
  common_fields(cx, b, s);
}

}  // namespace

std::string parse_hex(const std::filesystem::path& file, const YAML::Node& hex) {
  static const Scenario no_sockets;
  return decode_hex(Context{file, no_sockets}, hex);
}

std::string parse_generated(const std::filesystem::path& file, const YAML::Node& map) {
  static const Scenario no_sockets;
  return generated(Context{file, no_sockets}, map);
}

std::string parse_byte_string(const std::filesystem::path& file, const YAML::Node& node) {
  static const Scenario no_sockets;
  const Context cx{file, no_sockets};
  if (node.IsScalar()) return node.Scalar();
  if (node.IsMap() && node["hex"]) {
    reject_unknown_keys(file, node, {"hex"});
    return decode_hex(cx, node["hex"]);
  }
  if (node.IsMap() && node["size"]) {
    reject_unknown_keys(file, node, {"size", "fill"});
    return generated(cx, node);
  }
  cx.fail(node, "expected bytes: a string, {hex: ...} or {size: N, fill: ...}");
}

FrameSpecs parse_frames(const std::filesystem::path& file, const YAML::Node& node) {
  static const Scenario no_sockets;
  if (!node.IsSequence()) fail_at(file, node.Mark(), "frames must be a list");
  FrameSpecs frames;
  // Frames may name sockets ({id: a}); the caller's scenario is not needed for the others.
  const Context cx{file, no_sockets};
  for (const auto& f : node) {
    // {parts: N} stands for N frames "part-0" ... "part-N-1": long messages without long files.
    if (f.IsMap() && f["parts"]) {
      reject_unknown_keys(file, f, {"parts"});
      int parts = cx.as_int(f["parts"], "'parts'");
      if (parts < 1 || parts > 100000) cx.fail(f["parts"], "'parts' must be 1..100000");
      for (int i = 0; i < parts; ++i) frames.push_back(FrameSpec::literal("part-" + std::to_string(i)));
      continue;
    }
    frames.push_back(parse_frame(cx, f));
  }
  return frames;
}

Step parse_step(const std::filesystem::path& file, const YAML::Node& node, const Scenario& scenario) {
  const Context cx{file, scenario};
  static const char* kinds = "link, send, recv, set, get, transfer, subscribe, unsubscribe, sync, barrier, bind, connect, "
                             "unbind, disconnect, await, close, round_robin, fair_queue, kill, drain, flood, collect, "
                             "term, shutdown, new_socket, reply, pending, fault, restart";
  if (!node.IsMap() || node.size() != 1) cx.fail(node, std::string("a step is a mapping with exactly one of: ") + kinds);
  const std::string kind = node.begin()->first.Scalar();
  const YAML::Node body = node.begin()->second;
  Step step;
  step.line = node.Mark().line + 1;
  static const std::map<std::string, StepKind> endpoint_kinds = {
      {"bind", StepKind::bind}, {"connect", StepKind::connect}, {"unbind", StepKind::unbind}, {"disconnect", StepKind::disconnect}};
  if (auto e = endpoint_kinds.find(kind); e != endpoint_kinds.end()) {
    step.kind = e->second;
    endpoint_step(cx, body, step, e->second != StepKind::bind);
    return step;
  }
  if (is_wire_step(kind)) {
    if (!scenario.raw_peer) cx.fail(node, "'" + kind + "' is a raw peer's step: only in scenarios with 'peer: raw'");
    parse_wire_step(file, kind, body, step);
    return step;
  }
  auto it = step_table().find(kind);
  if (it == step_table().end()) {
    cx.fail(node, "unknown step '" + kind + "' (expected one of: " + kinds + (scenario.raw_peer ? ", " + wire_step_names() : "") + ")");
  }
  step.kind = it->second.first;
  it->second.second(cx, body, step);
  // Frames that name sockets are checked here, where the scenario's sockets are known.
  for (const auto& f : step.frames) {
    if (f.kind == FrameSpec::Kind::routing_id && !scenario.sockets.count(f.name)) {
      cx.fail(body, "frame {id: " + f.name + "} names an undeclared socket");
    }
  }
  return step;
}

}  // namespace zconform
