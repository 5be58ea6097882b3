#include "scenario/loader.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "scenario/step_parser.hpp"
#include "util/yaml_errors.hpp"

namespace zconform {
namespace {

const std::set<std::string> kTransports = {"tcp", "ipc", "inproc", "ws", "wss", "tipc",
                                           "pgm", "epgm", "norm", "udp", "vmci"};

struct Context {
  const std::filesystem::path& file;
  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const { fail_at(file, at.Mark(), message); }
};

// "PUSH-PULL", or "@group" for a group of pairings.yaml. Without `refused`, every pairing must be
// valid (TYPE-01); with it, every pairing must be invalid.
void parse_pairings(const Context& cx, const YAML::Node& list, const PairingTable& table, Scenario& s) {
  if (!list || !list.IsSequence() || list.size() == 0) cx.fail(list ? list : YAML::Node(), "missing or empty list 'pairings'");
  static const std::regex form(R"(([A-Z]+)-([A-Z]+))");
  for (const auto& node : list) {
    const std::string text = node.IsScalar() ? node.Scalar() : "";
    if (!text.empty() && text[0] == '@') {
      auto group = table.group(text.substr(1));
      if (group.empty()) {
        std::string names;
        for (const auto& n : table.group_names()) names += " @" + n;
        cx.fail(node, "unknown pairing group '" + text + "' (known:" + names + ")");
      }
      if (s.refused) cx.fail(node, "a scenario about refused pairings lists them one by one");
      for (auto& p : group) {
        if (std::find(s.pairings.begin(), s.pairings.end(), p) == s.pairings.end()) s.pairings.push_back(p);
      }
      continue;
    }
    std::smatch m;
    if (!std::regex_match(text, m, form) || !table.traits(m[1]) || !table.traits(m[2])) {
      cx.fail(node, "pairing '" + text + "' is not TYPE-TYPE of socket types in pairings.yaml (e.g. PUSH-PULL), nor an @group");
    }
    Pairing p{m[1], m[2]};
    // Wire scenarios name the implementation's type first, whichever order pairings.yaml uses.
    const bool valid = table.valid(p) || (s.raw_peer && table.valid(Pairing{p.type_b, p.type_a}));
    if (!s.refused && !valid) cx.fail(node, "'" + text + "' is not a valid pairing (TYPE-01); a scenario about refused pairings says 'refused: true'");
    if (s.refused && valid) cx.fail(node, "'" + text + "' is a valid pairing, but this scenario is about refused ones");
    s.pairings.push_back(p);
  }
}

// Transfers must make sense for every pairing the scenario expands to: caught here, with the
// line, rather than as a puzzling failure while the case plays.
// REQ and REP sockets are also followed through the steps: a transfer that would make one send or
// receive out of turn (EFSM) is a mistake in the scenario, not a finding about the implementation.
void check_transfers(const Context& cx, const YAML::Node& steps, const PairingTable& table, const Scenario& s) {
  for (const auto& p : s.pairings) {
    auto type = [&](const std::string& socket) { return s.sockets.at(socket) == Role::a ? p.type_a : p.type_b; };
    std::map<std::string, bool> sends_next;  // alternating sockets: true when their turn is to send
    for (const auto& [name, role] : s.sockets) {
      Alternation alt = table.traits(type(name))->alternates;
      if (alt != Alternation::none) sends_next[name] = alt == Alternation::send_first;
    }
    auto take_turn = [&](size_t i, const std::string& socket, bool sending) {
      auto it = sends_next.find(socket);
      if (it == sends_next.end()) return;
      if (it->second != sending) {
        cx.fail(steps[i], "pairing " + p.name() + ": " + socket + " (" + type(socket) + ") must " +
                              (it->second ? "send" : "receive") + " next, so it cannot " + (sending ? "send" : "receive") + " here");
      }
      it->second = !it->second;
    };
    for (size_t i = 0; i < s.steps.size(); ++i) {
      const Step& step = s.steps[i];
      if (step.kind == StepKind::set && step.option == "req_relaxed") sends_next.erase(step.sockets[0]);  // REQ-01's exception
      if ((step.kind == StepKind::send || step.kind == StepKind::recv) && !step.error) {
        take_turn(i, step.sockets[0], step.kind == StepKind::send);
      }
      if (step.kind != StepKind::transfer && step.kind != StepKind::barrier) continue;
      const std::string from = type(step.sockets[0]), to = type(step.sockets[1]);
      if (!table.can_transfer(from, to)) {
        cx.fail(steps[i], "pairing " + p.name() + ": " + from + " cannot send messages that " + to + " receives");
      }
      const bool alternating = table.traits(from)->alternates != Alternation::none || table.traits(to)->alternates != Alternation::none;
      if (alternating && (step.count > 1 || step.kind == StepKind::barrier)) {
        cx.fail(steps[i], "pairing " + p.name() + ": " + from + "/" + to + " alternate send and receive, so this step cannot send several messages in a row");
      }
      take_turn(i, step.sockets[0], true);
      take_turn(i, step.sockets[1], false);
    }
  }
}

// ctx_new options for every context of the case: {blocky: false, io_threads: 2, ...}. Which names
// an implementation knows is the agent's business (it answers unsupported).
protocol::Json parse_context_options(const Context& cx, const YAML::Node& node) {
  if (!node.IsMap()) cx.fail(node, "'context' maps context options to values: {blocky: false}");
  protocol::Json options = protocol::Json::object();
  for (const auto& e : node) {
    const std::string& text = e.second.Scalar();
    if (text == "true" || text == "false") {
      options[e.first.Scalar()] = text == "true";
    } else {
      try {
        options[e.first.Scalar()] = e.second.as<int>();
      } catch (const YAML::Exception&) {
        cx.fail(e.second, "context option '" + e.first.Scalar() + "' takes true, false or an integer");
      }
    }
  }
  return options;
}

// Asynchronous requests: each `as` name is given once, and `reply`/`pending` name one given before.
void check_async_names(const Context& cx, const YAML::Node& steps, const Scenario& s) {
  std::set<std::string> given;
  for (size_t i = 0; i < s.steps.size(); ++i) {
    const Step& step = s.steps[i];
    for (const auto& name : step.requests) {
      if (!given.count(name)) cx.fail(steps[i], "no earlier step started a request named '" + name + "' (with 'as: " + name + "')");
    }
    if (step.as.empty()) continue;
    if (!given.insert(step.as).second) cx.fail(steps[i], "the request name '" + step.as + "' is already taken");
  }
}

}  // namespace

Scenario load_scenario_file(const std::filesystem::path& file, const ClauseCatalogue& catalogue, const PairingTable& table) {
  const Context cx{file};
  YAML::Node root = load_yaml_file(file);
  reject_unknown_keys(file, root, {"id", "title", "clauses", "local_clauses", "pairings", "transports", "binders", "sockets",
                                   "steps", "deadline_ms", "refused", "routing_ids", "subscribe", "processes", "monitors", "peer",
                                   "context", "relay"});
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

  s.refused = optional_bool(file, root, "refused", false);
  s.routing_ids = optional_bool(file, root, "routing_ids", true);
  s.monitors = optional_bool(file, root, "monitors", true);
  if (YAML::Node sub = root["subscribe"]) {
    if (sub.Scalar() != "all" && sub.Scalar() != "none") cx.fail(sub, "'subscribe' is all (the default) or none");
    s.subscribe_all = sub.Scalar() == "all";
  }
  if (YAML::Node proc = root["processes"]) {
    if (proc.Scalar() != "shared" && proc.Scalar() != "separate") cx.fail(proc, "'processes' is shared (the default) or separate");
    s.separate_processes = proc.Scalar() == "separate";
  }
  if (YAML::Node peer = root["peer"]) {
    if (peer.Scalar() != "raw" && peer.Scalar() != "agent") cx.fail(peer, "'peer' is agent (the default) or raw");
    s.raw_peer = peer.Scalar() == "raw";
  }
  if (YAML::Node context = root["context"]) s.context_options = parse_context_options(cx, context);
  s.relay = optional_bool(file, root, "relay", false);
  if (s.relay && s.raw_peer) cx.fail(root["relay"], "the fault relay joins two agents' sockets, not the raw peer");
  parse_pairings(cx, root["pairings"], table, s);
  s.transports = require_string_list(file, root, "transports");
  for (size_t i = 0; i < s.transports.size(); ++i) {
    if (!kTransports.count(s.transports[i])) cx.fail(root["transports"][i], "unknown transport '" + s.transports[i] + "'");
    if (s.raw_peer && s.transports[i] != "tcp" && s.transports[i] != "ipc") {
      cx.fail(root["transports"][i], "the raw peer speaks tcp and ipc only");
    }
    if (s.relay && s.transports[i] != "tcp") cx.fail(root["transports"][i], "the fault relay carries tcp only");
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

  if (s.raw_peer) {
    // The implementation's socket only: role B's end is the raw peer, which the wire steps drive.
    if (root["sockets"]) cx.fail(root["sockets"], "a raw-peer scenario has one socket, 'a' (the implementation's)");
    if (s.separate_processes) cx.fail(root["processes"], "a raw-peer scenario has one agent process");
    s.sockets = {{"a", Role::a}};
  } else if (YAML::Node sockets = root["sockets"]) {
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
    try {
      s.deadline_ms = d.as<int>();
    } catch (const YAML::Exception&) {
      cx.fail(d, "'deadline_ms' must be an integer");
    }
    if (s.deadline_ms < 100 || s.deadline_ms > 600000) cx.fail(d, "'deadline_ms' must be 100..600000");
  }

  YAML::Node steps = root["steps"];
  if (!steps || !steps.IsSequence() || steps.size() == 0) cx.fail(root, "missing or empty list 'steps'");
  for (const auto& step : steps) s.steps.push_back(parse_step(file, step, s));
  check_transfers(cx, steps, table, s);
  check_async_names(cx, steps, s);
  return s;
}

ScenarioSet load_scenario_dir(const std::filesystem::path& dir, const ClauseCatalogue& catalogue, const PairingTable& table) {
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
      Scenario s = load_scenario_file(file, catalogue, table);
      if (auto [it, fresh] = seen.emplace(s.id, file); !fresh) {
        set.errors.push_back(file.string() + ": id '" + s.id + "' is taken by " + it->second.string());
        continue;
      }
      set.scenarios.push_back(std::move(s));
    } catch (const FileError& e) {
      set.errors.push_back(e.what());
    } catch (const YAML::Exception& e) {
      // A shape the parser did not foresee: still this file's error, and the others still load.
      set.errors.push_back(file.string() + ":" + std::to_string(e.mark.line + 1) + ": " + e.what());
    }
  }
  std::sort(set.scenarios.begin(), set.scenarios.end(),
            [](const Scenario& x, const Scenario& y) { return x.id < y.id; });
  return set;
}

}  // namespace zconform
