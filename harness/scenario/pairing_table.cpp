#include "scenario/pairing_table.hpp"

#include <algorithm>
#include <regex>

#include "scenario/yaml_reader.hpp"
#include "util/yaml_errors.hpp"

namespace zconform {
namespace {

SocketTypeTraits parse_traits(const std::filesystem::path& file, const YAML::Node& node) {
  if (!node.IsMap())
    fail_at(file, node.Mark(), "a socket type maps its traits (sends, receives, ...)");
  reject_unknown_keys(file, node,
                      {"sends", "receives", "alternates", "publisher", "subscriber", "routes"});
  SocketTypeTraits t;
  t.sends = optional_bool(file, node, "sends", false);
  t.receives = optional_bool(file, node, "receives", false);
  t.publisher = optional_bool(file, node, "publisher", false);
  t.routes = optional_bool(file, node, "routes", false);
  if (YAML::Node a = node["alternates"]) {
    if (a.Scalar() == "send-first")
      t.alternates = Alternation::send_first;
    else if (a.Scalar() == "receive-first")
      t.alternates = Alternation::receive_first;
    else
      fail_at(file, a.Mark(), "'alternates' is send-first or receive-first");
  }
  if (YAML::Node s = node["subscriber"]) {
    if (s.Scalar() == "option")
      t.subscriber = Subscription::option;
    else if (s.Scalar() == "message")
      t.subscriber = Subscription::message;
    else
      fail_at(file, s.Mark(), "'subscriber' is option or message");
  }
  return t;
}

std::vector<EnvelopeFrame> parse_envelope_frames(const std::filesystem::path& file,
                                                 const YAML::Node& list) {
  if (!list || !list.IsSequence())
    fail_at(file, list.Mark(), "an envelope side is a list of frames");
  std::vector<EnvelopeFrame> frames;
  for (const auto& f : list) {
    if (f.IsScalar()) {
      frames.push_back({EnvelopeFrame::Kind::literal, f.Scalar()});
    } else if (f.IsMap() && f["id"] && (f["id"].Scalar() == "from" || f["id"].Scalar() == "to")) {
      reject_unknown_keys(file, f, {"id"});
      frames.push_back({f["id"].Scalar() == "from" ? EnvelopeFrame::Kind::id_of_sender
                                                   : EnvelopeFrame::Kind::id_of_receiver,
                        ""});
    } else {
      fail_at(file, f.Mark(), "an envelope frame is a string, {id: from} or {id: to}");
    }
  }
  return frames;
}

}  // namespace

PairingTable PairingTable::load(const std::filesystem::path& file) {
  YAML::Node root = load_yaml_file(file);
  reject_unknown_keys(file, root, {"types", "pairings", "envelopes"});
  PairingTable table;
  if (!root["types"] || !root["types"].IsMap()) fail_at(file, root.Mark(), "missing map 'types'");
  for (const auto& e : root["types"]) table.types_[e.first.Scalar()] = parse_traits(file, e.second);

  if (!root["pairings"] || !root["pairings"].IsMap())
    fail_at(file, root.Mark(), "missing map 'pairings'");
  static const std::regex form(R"(([A-Z]+)-([A-Z]+))");
  for (const auto& e : root["pairings"]) {
    std::smatch m;
    const std::string name = e.first.Scalar();
    if (!std::regex_match(name, m, form) || !table.types_.count(m[1]) ||
        !table.types_.count(m[2])) {
      fail_at(file, e.first.Mark(),
              "pairing '" + name + "' is not TYPE-TYPE of types listed under 'types'");
    }
    reject_unknown_keys(file, e.second, {"pattern", "routing_ids"});
    PairingInfo info{{m[1], m[2]}, require_scalar(file, e.second, "pattern"), {}};
    for (const auto& role : e.second["routing_ids"]) {
      info.routing_id_roles.insert(
          YamlReader(file).choice<Role>(role, "a role in routing_ids", role_names()));
    }
    table.pairings_.push_back(std::move(info));
  }

  for (const auto& e : root["envelopes"]) {
    reject_unknown_keys(file, e, {"from", "to", "send", "receive"});
    std::string from = require_scalar(file, e, "from"), to = require_scalar(file, e, "to");
    if (!table.types_.count(from) || !table.types_.count(to))
      fail_at(file, e.Mark(), "envelope between unknown types");
    table.envelopes_[{from, to}] =
        Envelope{parse_envelope_frames(file, e["send"]), parse_envelope_frames(file, e["receive"])};
  }
  return table;
}

const SocketTypeTraits* PairingTable::traits(const std::string& type) const {
  auto it = types_.find(type);
  return it == types_.end() ? nullptr : &it->second;
}

const PairingInfo* PairingTable::valid(const Pairing& pairing) const {
  for (const auto& info : pairings_) {
    if (info.pairing.type_a == pairing.type_a && info.pairing.type_b == pairing.type_b)
      return &info;
  }
  return nullptr;
}

Envelope PairingTable::envelope(const std::string& from_type, const std::string& to_type) const {
  auto it = envelopes_.find({from_type, to_type});
  return it == envelopes_.end() ? Envelope{} : it->second;
}

bool PairingTable::can_transfer(const std::string& from_type, const std::string& to_type) const {
  const SocketTypeTraits* from = traits(from_type);
  const SocketTypeTraits* to = traits(to_type);
  if (!from || !to || !from->sends || !to->receives) return false;
  // A subscriber's sends are subscriptions, not messages for the publisher's application
  // (except XPUB, which reads them: that is what subscribe steps are for).
  return !(from->subscriber != Subscription::none && to->publisher);
}

std::vector<Pairing> PairingTable::group(const std::string& name) const {
  std::vector<Pairing> out;
  for (const auto& info : pairings_) {
    const SocketTypeTraits& a = types_.at(info.pairing.type_a);
    const SocketTypeTraits& b = types_.at(info.pairing.type_b);
    bool in = name == "all" || name == info.pattern;
    if (name == "streaming")
      in = a.alternates == Alternation::none && b.alternates == Alternation::none;
    if (name == "two-way")
      in = can_transfer(info.pairing.type_a, info.pairing.type_b) &&
           can_transfer(info.pairing.type_b, info.pairing.type_a);
    if (in) out.push_back(info.pairing);
  }
  return out;
}

std::vector<std::string> PairingTable::group_names() const {
  std::vector<std::string> names = {"all", "streaming", "two-way"};
  for (const auto& info : pairings_) {
    if (std::find(names.begin(), names.end(), info.pattern) == names.end())
      names.push_back(info.pattern);
  }
  return names;
}

}  // namespace zconform
