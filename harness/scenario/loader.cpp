#include "scenario/loader.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "util/yaml_errors.hpp"

namespace zconform {
namespace {

const std::set<std::string> kSocketTypes = {
    "PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH", "XPUB", "XSUB",
    "STREAM", "SERVER", "CLIENT", "RADIO", "DISH", "GATHER", "SCATTER", "DGRAM", "PEER", "CHANNEL"};
const std::set<std::string> kTransports = {"tcp", "ipc", "inproc", "ws", "wss", "tipc",
                                           "pgm", "epgm", "norm", "udp", "vmci"};
constexpr int kMaxGeneratedFrame = 64 << 20;

struct Context {
  const std::filesystem::path& file;
  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const {
    fail_at(file, at.Mark(), message);
  }
};

int as_int(const Context& cx, const YAML::Node& node, const std::string& what) {
  try {
    return node.as<int>();
  } catch (const YAML::Exception&) {
    cx.fail(node, what + " must be an integer");
  }
}

bool as_bool(const Context& cx, const YAML::Node& node, const std::string& what) {
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    cx.fail(node, what + " must be true or false");
  }
}

std::string decode_hex(const Context& cx, const YAML::Node& node) {
  std::string hex = node.Scalar();
  std::erase_if(hex, [](char c) { return c == ' ' || c == '_'; });
  if (hex.size() % 2 != 0 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    cx.fail(node, "hex frame must hold an even number of hex digits");
  }
  std::string bytes;
  for (size_t i = 0; i < hex.size(); i += 2) bytes += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return bytes;
}

// A frame is a string, {hex: "00ff"}, or {size: N, fill: "ab"} (fill repeated; without fill a
// byte pattern that cycles through 251 values, so truncation or reordering shows).
std::string parse_frame(const Context& cx, const YAML::Node& node) {
  if (node.IsScalar()) return node.Scalar();
  if (node.IsMap()) {
    reject_unknown_keys(cx.file, node, {"hex", "size", "fill"});
    if (node["hex"]) return decode_hex(cx, node["hex"]);
    if (node["size"]) {
      int size = as_int(cx, node["size"], "frame size");
      if (size < 0 || size > kMaxGeneratedFrame) cx.fail(node["size"], "frame size must be 0..64 MiB");
      std::string fill = node["fill"] ? node["fill"].Scalar() : std::string();
      std::string bytes(static_cast<size_t>(size), '\0');
      for (int i = 0; i < size; ++i) {
        bytes[i] = fill.empty() ? static_cast<char>(i % 251) : fill[static_cast<size_t>(i) % fill.size()];
      }
      return bytes;
    }
  }
  cx.fail(node, "a frame is a string, {hex: ...} or {size: N, fill: ...}");
}

Frames parse_frames(const Context& cx, const YAML::Node& node) {
  if (!node.IsSequence()) cx.fail(node, "'frames' must be a list");
  Frames frames;
  for (const auto& f : node) frames.push_back(parse_frame(cx, f));
  return frames;
}

std::string socket_name(const Context& cx, const YAML::Node& node, const Scenario& s) {
  if (!node || !node.IsScalar()) cx.fail(node, "'socket' must name a socket");
  if (!s.sockets.count(node.Scalar())) {
    std::string known;
    for (const auto& [name, role] : s.sockets) known += " " + name;
    cx.fail(node, "unknown socket '" + node.Scalar() + "' (declared:" + known + ")");
  }
  return node.Scalar();
}

protocol::Json yaml_to_json(const Context& cx, const YAML::Node& node) {
  // Option values: integers, booleans or strings.
  if (!node.IsScalar()) cx.fail(node, "option value must be a number, true/false or a string");
  const std::string& text = node.Scalar();
  if (text == "true" || text == "false") return text == "true";
  static const std::regex integer(R"(-?[0-9]+)");
  if (std::regex_match(text, integer)) return std::stoll(text);
  return text;
}

Step parse_step(const Context& cx, const YAML::Node& node, const Scenario& s) {
  if (!node.IsMap() || node.size() != 1) {
    cx.fail(node, "a step is a mapping with exactly one of: link, send, recv, set");
  }
  const std::string kind = node.begin()->first.Scalar();
  const YAML::Node body = node.begin()->second;
  if (kind != "link" && kind != "send" && kind != "recv" && kind != "set") {
    cx.fail(node, "unknown step '" + kind + "' (expected link, send, recv or set)");
  }
  Step step;
  step.line = node.Mark().line + 1;
  if (kind == "link") {
    step.kind = StepKind::link;
    if (!body.IsSequence() || body.size() != 2) cx.fail(body, "'link' takes two socket names: [a, b]");
    step.sockets = {socket_name(cx, body[0], s), socket_name(cx, body[1], s)};
    if (s.sockets.at(step.sockets[0]) == s.sockets.at(step.sockets[1])) {
      cx.fail(body, "'link' joins a socket of role A to one of role B");
    }
    return step;
  }
  if (!body.IsMap()) cx.fail(body, "'" + kind + "' takes a mapping of fields");
  if (kind == "send" || kind == "recv") {
    step.kind = kind == "send" ? StepKind::send : StepKind::recv;
    reject_unknown_keys(cx.file, body, {"socket", "frames", "error", "timeout_ms", "dontwait"});
    step.sockets = {socket_name(cx, body["socket"], s)};
    if (body["frames"]) step.frames = parse_frames(cx, body["frames"]);
    if (body["error"]) step.error = body["error"].Scalar();
    if (body["timeout_ms"]) step.timeout_ms = as_int(cx, body["timeout_ms"], "'timeout_ms'");
    if (body["dontwait"]) step.dontwait = as_bool(cx, body["dontwait"], "'dontwait'");
    if (step.kind == StepKind::send && step.frames.empty()) cx.fail(body, "'send' needs a non-empty 'frames' list");
    if (step.kind == StepKind::recv && step.frames.empty() == !step.error) {
      cx.fail(body, "'recv' expects either 'frames' or an 'error', not both");
    }
    if (step.kind == StepKind::recv && step.dontwait) cx.fail(body["dontwait"], "'recv' takes timeout_ms: 0 instead of dontwait");
    return step;
  }
  if (kind == "set") {
    step.kind = StepKind::setsockopt;
    reject_unknown_keys(cx.file, body, {"socket", "option", "value", "error"});
    step.sockets = {socket_name(cx, body["socket"], s)};
    step.option = require_scalar(cx.file, body, "option");
    if (!body["value"]) cx.fail(body, "'set' needs a 'value'");
    step.value = yaml_to_json(cx, body["value"]);
    if (body["error"]) step.error = body["error"].Scalar();
    return step;
  }
  cx.fail(node, "unknown step '" + kind + "' (expected link, send, recv or set)");
}

Pairing parse_pairing(const Context& cx, const YAML::Node& node) {
  static const std::regex form(R"(([A-Z]+)-([A-Z]+))");
  std::smatch m;
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  if (!std::regex_match(text, m, form) || !kSocketTypes.count(m[1]) || !kSocketTypes.count(m[2])) {
    cx.fail(node, "pairing '" + text + "' is not TYPE-TYPE with known socket types (e.g. PUSH-PULL)");
  }
  return Pairing{m[1], m[2]};
}

}  // namespace

Scenario load_scenario_file(const std::filesystem::path& file, const ClauseCatalogue& catalogue) {
  const Context cx{file};
  YAML::Node root = load_yaml_file(file);
  reject_unknown_keys(file, root, {"id", "title", "clauses", "local_clauses", "pairings", "transports",
                                   "binders", "sockets", "steps", "deadline_ms"});
  Scenario s;
  s.file = file;
  s.id = require_scalar(file, root, "id");
  static const std::regex id_form(R"([a-z0-9][a-z0-9._-]*)");
  if (!std::regex_match(s.id, id_form)) cx.fail(root["id"], "id must match [a-z0-9][a-z0-9._-]*");
  s.title = require_scalar(file, root, "title");

  if (YAML::Node local = root["local_clauses"]) {
    if (!local.IsMap()) cx.fail(local, "'local_clauses' maps X-... IDs to their source");
    for (const auto& e : local) {
      if (e.first.Scalar().rfind("X-", 0) != 0) cx.fail(e.first, "local clause IDs start with X-");
      s.local_clauses[e.first.Scalar()] = e.second.Scalar();
    }
  }
  s.clauses = require_string_list(file, root, "clauses");
  for (size_t i = 0; i < s.clauses.size(); ++i) {
    const auto& id = s.clauses[i];
    if (!catalogue.find(id) && !s.local_clauses.count(id)) {
      cx.fail(root["clauses"][i], "clause '" + id + "' is not in CLAUSES.md (a local one needs an X- ID in 'local_clauses' with its source)");
    }
  }

  for (const auto& node : root["pairings"]) s.pairings.push_back(parse_pairing(cx, node));
  if (s.pairings.empty()) cx.fail(root, "missing or empty field 'pairings'");
  s.transports = require_string_list(file, root, "transports");
  for (size_t i = 0; i < s.transports.size(); ++i) {
    if (!kTransports.count(s.transports[i])) cx.fail(root["transports"][i], "unknown transport '" + s.transports[i] + "'");
  }

  if (YAML::Node binders = root["binders"]) {
    for (const auto& b : binders) {
      if (b.Scalar() == "A") s.binders.push_back(Role::a);
      else if (b.Scalar() == "B") s.binders.push_back(Role::b);
      else cx.fail(b, "binders lists roles: A, B");
    }
  } else {
    s.binders = {Role::b, Role::a};
  }

  if (YAML::Node sockets = root["sockets"]) {
    if (!sockets.IsMap()) cx.fail(sockets, "'sockets' maps socket names to roles A or B");
    for (const auto& e : sockets) {
      const std::string role = e.second.Scalar();
      if (role != "A" && role != "B") cx.fail(e.second, "socket role must be A or B");
      s.sockets[e.first.Scalar()] = role == "A" ? Role::a : Role::b;
    }
  } else {
    s.sockets = {{"a", Role::a}, {"b", Role::b}};
  }

  if (YAML::Node d = root["deadline_ms"]) {
    s.deadline_ms = as_int(cx, d, "'deadline_ms'");
    if (s.deadline_ms < 100 || s.deadline_ms > 600000) cx.fail(d, "'deadline_ms' must be 100..600000");
  }

  YAML::Node steps = root["steps"];
  if (!steps || !steps.IsSequence() || steps.size() == 0) cx.fail(root, "missing or empty list 'steps'");
  for (const auto& step : steps) s.steps.push_back(parse_step(cx, step, s));
  return s;
}

ScenarioSet load_scenario_dir(const std::filesystem::path& dir, const ClauseCatalogue& catalogue) {
  ScenarioSet set;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".yaml") files.push_back(it->path());
  }
  if (ec) set.errors.push_back(dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::map<std::string, std::filesystem::path> seen;
  for (const auto& file : files) {
    try {
      Scenario s = load_scenario_file(file, catalogue);
      if (auto [it, fresh] = seen.emplace(s.id, file); !fresh) {
        set.errors.push_back(file.string() + ": id '" + s.id + "' is taken by " + it->second.string());
        continue;
      }
      set.scenarios.push_back(std::move(s));
    } catch (const FileError& e) {
      set.errors.push_back(e.what());
    }
  }
  std::sort(set.scenarios.begin(), set.scenarios.end(),
            [](const Scenario& x, const Scenario& y) { return x.id < y.id; });
  return set;
}

}  // namespace zconform
