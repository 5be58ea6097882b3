#include "scenario/pairing_table.hpp"

#include <algorithm>
#include <regex>

#include "util/yaml_errors.hpp"
#include "util/yaml_reader.hpp"

namespace zconform {
namespace {

SocketTypeTraits parse_traits(const std::filesystem::path& file, const YAML::Node& node) {
  const YamlReader r(file);
  if (!node.IsMap()) r.fail(node, "a socket type maps its traits (sends, receives, ...)");
  r.only_keys(node, {"sends", "receives", "alternates", "publisher", "subscriber", "routes",
                     "draft", "addressed"});
  SocketTypeTraits t;
  t.sends = r.flag(node, "sends", false);
  t.receives = r.flag(node, "receives", false);
  t.publisher = r.flag(node, "publisher", false);
  t.routes = r.flag(node, "routes", false);
  t.draft = r.flag(node, "draft", false);
  t.addressed = r.flag(node, "addressed", false);
  if (YAML::Node a = node["alternates"]) {
    t.alternates = r.choice<Alternation>(
        a, "'alternates'",
        {{"send-first", Alternation::send_first}, {"receive-first", Alternation::receive_first}});
  }
  if (YAML::Node s = node["subscriber"]) {
    t.subscriber = r.choice<Subscription>(s, "'subscriber'",
                                          {{"option", Subscription::option},
                                           {"message", Subscription::message},
                                           {"group", Subscription::group}});
  }
  return t;
}

std::vector<EnvelopeFrame> parse_envelope_frames(const std::filesystem::path& file,
                                                 const YAML::Node& list) {
  const YamlReader r(file);
  if (!list || !list.IsSequence()) r.fail(list, "an envelope side is a list of frames");
  std::vector<EnvelopeFrame> frames;
  for (const auto& f : list) {
    if (f.IsScalar()) {
      frames.push_back({EnvelopeFrame::Kind::literal, f.Scalar()});
    } else if (f.IsMap() && f["id"] && (f["id"].Scalar() == "from" || f["id"].Scalar() == "to")) {
      r.only_keys(f, {"id"});
      frames.push_back({f["id"].Scalar() == "from" ? EnvelopeFrame::Kind::id_of_sender
                                                   : EnvelopeFrame::Kind::id_of_receiver,
                        ""});
    } else {
      r.fail(f, "an envelope frame is a string, {id: from} or {id: to}");
    }
  }
  return frames;
}

}  // namespace

PairingTable PairingTable::load(const std::filesystem::path& file) {
  const YamlReader r(file);
  YAML::Node root = load_yaml_file(file);
  r.only_keys(root, {"types", "pairings", "envelopes"});
  PairingTable table;
  if (!root["types"] || !root["types"].IsMap()) r.fail(root, "missing map 'types'");
  for (const auto& e : root["types"]) table.types_[e.first.Scalar()] = parse_traits(file, e.second);

  if (!root["pairings"] || !root["pairings"].IsMap()) r.fail(root, "missing map 'pairings'");
  static const std::regex form(R"(([A-Z]+)-([A-Z]+))");
  for (const auto& e : root["pairings"]) {
    std::smatch m;
    const std::string name = e.first.Scalar();
    if (!std::regex_match(name, m, form) || !table.types_.count(m[1]) ||
        !table.types_.count(m[2])) {
      r.fail(e.first, "pairing '" + name + "' is not TYPE-TYPE of types listed under 'types'");
    }
    r.only_keys(e.second, {"pattern", "routing_ids"});
    PairingInfo info{{m[1], m[2]}, r.required_text(e.second, "pattern"), {}};
    for (const auto& role : e.second["routing_ids"]) {
      info.routing_id_roles.insert(r.choice<Role>(role, "a role in routing_ids", role_names()));
    }
    table.pairings_.push_back(std::move(info));
  }

  for (const auto& e : root["envelopes"]) {
    r.only_keys(e, {"from", "to", "send", "receive"});
    std::string from = r.required_text(e, "from"), to = r.required_text(e, "to");
    if (!table.types_.count(from) || !table.types_.count(to))
      r.fail(e, "envelope between unknown types");
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
    // The draft types' messages are single-part and carry routing ids and groups outside the
    // frames: the scenarios written for the other types do not apply to them.
    if ((a.draft || b.draft) && name != info.pattern) continue;
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
