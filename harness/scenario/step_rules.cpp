#include "scenario/step_rules.hpp"

#include <map>
#include <set>

namespace zconform {
namespace {

// REQ/REP turns and possible transfers, for one pairing.
class TurnRules final : public StepEffects {
 public:
  TurnRules(const YamlReader& reader, const PairingTable& table, const Scenario& s,
            const Pairing& p)
      : reader_(reader), table_(table), scenario_(s), pairing_(p) {
    for (const auto& [name, role] : s.sockets) {
      const Alternation alt = table.traits(type(name))->alternates;
      if (alt != Alternation::none) sends_next_[name] = alt == Alternation::send_first;
    }
  }
  // (A pointer: assigning a YAML::Node would overwrite the node it refers to.)
  void at(const YAML::Node& step) { step_ = &step; }

  void turn(const std::string& socket, bool sending) override {
    auto it = sends_next_.find(socket);
    if (it == sends_next_.end()) return;
    if (it->second != sending) {
      reader_.fail(*step_, "pairing " + pairing_.name() + ": " + socket + " (" + type(socket) +
                               ") must " + (it->second ? "send" : "receive") +
                               " next, so it cannot " + (sending ? "send" : "receive") + " here");
    }
    it->second = !it->second;
  }
  void relax_turns(const std::string& socket) override {
    sends_next_.erase(socket);
  }  // REQ-01's exception
  void message(const std::string& from, const std::string& to, bool several) override {
    const std::string from_type = type(from), to_type = type(to);
    if (!table_.can_transfer(from_type, to_type)) {
      reader_.fail(*step_, "pairing " + pairing_.name() + ": " + from_type +
                               " cannot send messages that " + to_type + " receives");
    }
    const bool alternating = table_.traits(from_type)->alternates != Alternation::none ||
                             table_.traits(to_type)->alternates != Alternation::none;
    if (alternating && several) {
      reader_.fail(
          *step_,
          "pairing " + pairing_.name() + ": " + from_type + "/" + to_type +
              " alternate send and receive, so this step cannot send several messages in a row");
    }
    turn(from, true);
    turn(to, false);
  }
  void starts_request(const std::string&) override {}
  void uses_request(const std::string&) override {}

 private:
  std::string type(const std::string& socket) const {
    return scenario_.socket_type(socket, pairing_);
  }
  const YamlReader& reader_;
  const PairingTable& table_;
  const Scenario& scenario_;
  const Pairing& pairing_;
  const YAML::Node* step_ = nullptr;
  std::map<std::string, bool> sends_next_;  // alternating sockets: true when their turn is to send
};

class RequestNames final : public StepEffects {
 public:
  explicit RequestNames(const YamlReader& reader) : reader_(reader) {}
  // (A pointer: assigning a YAML::Node would overwrite the node it refers to.)
  void at(const YAML::Node& step) { step_ = &step; }

  void turn(const std::string&, bool) override {}
  void relax_turns(const std::string&) override {}
  void message(const std::string&, const std::string&, bool) override {}
  void starts_request(const std::string& name) override {
    if (!given_.insert(name).second)
      reader_.fail(*step_, "the request name '" + name + "' is already taken");
  }
  void uses_request(const std::string& name) override {
    if (!given_.count(name))
      reader_.fail(*step_, "no earlier step started a request named '" + name +
                               "' (with 'as: " + name + "')");
  }

 private:
  const YamlReader& reader_;
  const YAML::Node* step_ = nullptr;
  std::set<std::string> given_;
};

}  // namespace

void check_step_rules(const YamlReader& reader, const YAML::Node& steps, const PairingTable& table,
                      const Scenario& s) {
  for (const auto& p : s.pairings) {
    TurnRules rules(reader, table, s, p);
    for (size_t i = 0; i < s.steps.size(); ++i) {
      const YAML::Node node = steps[i];
      rules.at(node);
      s.steps[i]->declare(rules);
    }
  }
  RequestNames names(reader);
  for (size_t i = 0; i < s.steps.size(); ++i) {
    const YAML::Node node = steps[i];
    names.at(node);
    s.steps[i]->declare(names);
  }
}

}  // namespace zconform
