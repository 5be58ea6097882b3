#include "scenario/loader.hpp"

#include <algorithm>
#include <climits>
#include <regex>
#include <set>

#include "scenario/step_registry.hpp"
#include "scenario/step_rules.hpp"
#include "util/yaml_reader.hpp"

namespace zconform {
namespace {

const std::set<std::string> kTransports = {"tcp", "ipc",  "inproc", "ws",  "wss", "tipc",
                                           "pgm", "epgm", "norm",   "udp", "vmci"};

// "PUSH-PULL", or "@group" for a group of pairings.yaml. Without `refused`, every pairing must be
// valid (TYPE-01); with it, every pairing must be invalid.
void parse_pairings(const YamlReader& cx, const YAML::Node& list, const PairingTable& table,
                    Scenario& s) {
  if (!list || !list.IsSequence() || list.size() == 0)
    cx.fail(list ? list : YAML::Node(), "missing or empty list 'pairings'");
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
        if (std::find(s.pairings.begin(), s.pairings.end(), p) == s.pairings.end())
          s.pairings.push_back(p);
      }
      continue;
    }
    std::smatch m;
    if (s.plain_bytes) {
      // The harness's plain TCP peer has no socket type: TYPE-TCP, any type facing it (a STREAM
      // socket, or a ZMTP socket meeting a peer that is not one).
      if (!std::regex_match(text, m, form) || !table.traits(m[1]) || m[2] != "TCP")
        cx.fail(node, "a 'peer: bytes' scenario pairs a socket type with TCP: STREAM-TCP");
      s.pairings.push_back(Pairing{m[1], "TCP"});
      continue;
    }
    if (!std::regex_match(text, m, form) || !table.traits(m[1]) || !table.traits(m[2])) {
      cx.fail(node, "pairing '" + text +
                        "' is not TYPE-TYPE of socket types in pairings.yaml (e.g. PUSH-PULL), nor "
                        "an @group");
    }
    Pairing p{m[1], m[2]};
    // Wire scenarios name the implementation's type first, whichever order pairings.yaml uses.
    const bool valid = table.valid(p) || (s.raw_peer && table.valid(Pairing{p.type_b, p.type_a}));
    if (!s.refused && !valid)
      cx.fail(node, "'" + text +
                        "' is not a valid pairing (TYPE-01); a scenario about refused pairings "
                        "says 'refused: true'");
    if (s.refused && valid)
      cx.fail(node, "'" + text + "' is a valid pairing, but this scenario is about refused ones");
    s.pairings.push_back(p);
  }
}

// ctx_new options for every context of the case: {blocky: false, io_threads: 2, ...}. Which names
// an implementation knows is the agent's business (it answers unsupported).
protocol::Json parse_context_options(const YamlReader& cx, const YAML::Node& node) {
  if (!node.IsMap()) cx.fail(node, "'context' maps context options to values: {blocky: false}");
  protocol::Json options = protocol::Json::object();
  for (const auto& e : node) {
    const std::string& text = e.second.Scalar();
    const std::string what = "context option '" + e.first.Scalar() + "'";
    static const std::regex integer_form(R"(-?[0-9]+)");
    if (text == "true" || text == "false")
      options[e.first.Scalar()] = text == "true";
    else if (std::regex_match(text, integer_form))
      options[e.first.Scalar()] = cx.integer32(e.second, what, INT32_MIN, INT32_MAX);
    else
      cx.fail(e.second, what + " takes true, false or an integer");
  }
  return options;
}

}  // namespace

Scenario load_scenario_file(const std::filesystem::path& file, const ClauseCatalogue& catalogue,
                            const PairingTable& table, const StepRegistry& steps) {
  const YamlReader cx(file);
  YAML::Node root = load_yaml_file(file);
  cx.only_keys(root, {"id", "title", "clauses", "local_clauses", "pairings", "transports",
                      "binders", "sockets", "steps", "deadline_ms", "refused", "routing_ids",
                      "subscribe", "processes", "monitors", "peer", "context", "relay"});
  Scenario s;
  s.file = file;
  s.id = cx.text(cx.require(root, "id"), "'id'");
  static const std::regex id_form(R"([a-z0-9][a-z0-9._-]*)");
  if (!std::regex_match(s.id, id_form)) cx.fail(root["id"], "id must match [a-z0-9][a-z0-9._-]*");
  s.title = cx.text(cx.require(root, "title"), "'title'");

  if (YAML::Node local = root["local_clauses"]) {
    if (!local.IsMap()) cx.fail(local, "'local_clauses' maps X-... IDs to their source");
    for (const auto& e : local) {
      if (e.first.Scalar().rfind("X-", 0) != 0) cx.fail(e.first, "local clause IDs start with X-");
      s.local_clauses[e.first.Scalar()] = e.second.Scalar();
    }
  }
  s.clauses = cx.texts(cx.require(root, "clauses"), "'clauses'");
  for (size_t i = 0; i < s.clauses.size(); ++i) {
    const auto& id = s.clauses[i];
    if (!catalogue.find(id) && !s.local_clauses.count(id)) {
      cx.fail(root["clauses"][i], "clause '" + id +
                                      "' is not in CLAUSES.md (a local one needs an X- ID in "
                                      "'local_clauses' with its source)");
    }
  }

  s.refused = cx.flag(root, "refused", false);
  s.routing_ids = cx.flag(root, "routing_ids", true);
  s.monitors = cx.flag(root, "monitors", true);
  if (YAML::Node sub = root["subscribe"])
    s.subscribe_all = cx.choice<bool>(sub, "'subscribe'", {{"all", true}, {"none", false}});
  if (YAML::Node proc = root["processes"]) {
    s.separate_processes =
        cx.choice<bool>(proc, "'processes'", {{"shared", false}, {"separate", true}});
  }
  if (YAML::Node peer = root["peer"]) {
    enum class Peer { agent, zmtp, bytes };
    const Peer kind = cx.choice<Peer>(
        peer, "'peer'", {{"agent", Peer::agent}, {"raw", Peer::zmtp}, {"bytes", Peer::bytes}});
    s.raw_peer = kind != Peer::agent;
    s.plain_bytes = kind == Peer::bytes;
  }
  if (YAML::Node context = root["context"]) s.context_options = parse_context_options(cx, context);
  s.relay = cx.flag(root, "relay", false);
  if (s.relay && s.raw_peer)
    cx.fail(root["relay"], "the fault relay joins two agents' sockets, not the raw peer");
  parse_pairings(cx, root["pairings"], table, s);
  s.transports = cx.texts(cx.require(root, "transports"), "'transports'");
  for (size_t i = 0; i < s.transports.size(); ++i) {
    if (!kTransports.count(s.transports[i]))
      cx.fail(root["transports"][i], "unknown transport '" + s.transports[i] + "'");
    if (s.plain_bytes && s.transports[i] != "tcp")
      cx.fail(root["transports"][i], "the plain TCP peer ('peer: bytes') speaks tcp only");
    if (s.raw_peer && s.transports[i] != "tcp" && s.transports[i] != "ipc" &&
        s.transports[i] != "ws") {
      cx.fail(root["transports"][i], "the raw peer speaks tcp, ipc and ws (ZWS 2.0) only");
    }
    if (s.relay && s.transports[i] != "tcp" && s.transports[i] != "ipc" && s.transports[i] != "ws")
      cx.fail(root["transports"][i], "the fault relay carries tcp, ipc and ws only");
  }

  if (YAML::Node binders = root["binders"]) {
    if (!binders.IsSequence()) cx.fail(binders, "binders lists roles: A, B");
    for (const auto& b : binders) s.binders.push_back(cx.choice<Role>(b, "a binder", role_names()));
  } else {
    s.binders = {Role::b, Role::a};
  }

  if (s.raw_peer && s.separate_processes)
    cx.fail(root["processes"], "a raw-peer scenario has one agent process");
  if (YAML::Node sockets = root["sockets"]) {
    if (!sockets.IsMap())
      cx.fail(sockets, "'sockets' maps socket names to roles A or B, or to {role, type}");
    for (const auto& e : sockets) {
      const std::string name = e.first.Scalar();
      if (!e.second.IsMap()) {
        s.sockets[name] = cx.choice<Role>(e.second, "a socket's role", role_names());
      } else {
        // A socket of a fixed type beside the pairing's (a proxy's ROUTER and DEALER between a
        // REQ and a REP): its role says whose context (agent) holds it.
        cx.only_keys(e.second, {"role", "type"});
        s.sockets[name] =
            cx.choice<Role>(cx.require(e.second, "role"), "a socket's role", role_names());
        const YAML::Node type = cx.require(e.second, "type");
        if (!type.IsScalar() || !table.traits(type.Scalar()))
          cx.fail(type, "'type' is a socket type of pairings.yaml (PUSH, ROUTER, ...)");
        s.socket_types[name] = type.Scalar();
      }
      // Role B of a raw-peer scenario is the raw peer, which the wire steps drive; more sockets of
      // the implementation's (peers of `a` beside the raw one, SEC-01) are role A's.
      if (s.raw_peer && s.sockets[name] != Role::a)
        cx.fail(e.second, "in a raw-peer scenario every socket is role A's (B is the raw peer)");
    }
    if (s.raw_peer && !s.sockets.count("a"))
      cx.fail(sockets, "a raw-peer scenario has socket 'a': the one the raw peer talks to");
  } else if (s.raw_peer) {
    s.sockets = {{"a", Role::a}};
  } else {
    s.sockets = {{"a", Role::a}, {"b", Role::b}};
  }

  if (YAML::Node d = root["deadline_ms"])
    s.deadline_ms = cx.integer32(d, "'deadline_ms'", 100, 600000);

  YAML::Node step_nodes = root["steps"];
  if (!step_nodes || !step_nodes.IsSequence() || step_nodes.size() == 0)
    cx.fail(root, "missing or empty list 'steps'");
  for (const auto& node : step_nodes) s.steps.push_back(steps.parse(cx, node, s));
  check_step_rules(cx, step_nodes, table, s);
  return s;
}

ScenarioSet load_scenario_dir(const std::filesystem::path& dir, const ClauseCatalogue& catalogue,
                              const PairingTable& table, const StepRegistry& steps) {
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
      Scenario s = load_scenario_file(file, catalogue, table, steps);
      if (auto [it, fresh] = seen.emplace(s.id, file); !fresh) {
        set.errors.push_back(file.string() + ": id '" + s.id + "' is taken by " +
                             it->second.string());
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
