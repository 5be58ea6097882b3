#include "scenario/step_registry.hpp"

#include <set>
#include <stdexcept>

namespace zconform {

StepRegistry::StepRegistry(std::vector<const StepKind*> kinds) : kinds_(std::move(kinds)) {
  std::set<std::string> seen;
  for (const StepKind* k : kinds_) {
    if (!seen.insert(k->name).second) throw std::logic_error("step kind '" + k->name + "' registered twice");
  }
}

const StepKind* StepRegistry::find(std::string_view name) const {
  for (const StepKind* k : kinds_) {
    if (k->name == name) return k;
  }
  return nullptr;
}

std::string StepRegistry::names(bool raw_peer) const {
  std::string out;
  for (const StepKind* k : kinds_) {
    if (!k->raw_peer || raw_peer) out += (out.empty() ? "" : ", ") + k->name;
  }
  return out;
}

StepPtr StepRegistry::parse(const YamlReader& reader, const YAML::Node& node, const Scenario& scenario) const {
  if (!node.IsMap() || node.size() != 1) {
    reader.fail(node, "a step is a mapping with exactly one of: " + names(scenario.raw_peer));
  }
  const std::string name = node.begin()->first.Scalar();
  const StepKind* kind = find(name);
  if (!kind) reader.fail(node, "unknown step '" + name + "' (expected one of: " + names(scenario.raw_peer) + ")");
  if (kind->raw_peer && !scenario.raw_peer) {
    reader.fail(node, "'" + name + "' is a raw peer's step: only in scenarios with 'peer: raw'");
  }
  const StepLoad load{reader, scenario, node};
  std::shared_ptr<Step> step = kind->parse(load, node.begin()->second);
  step->line = node.Mark().line + 1;
  return step;
}

namespace {

std::string cell(std::string text) {
  std::string out;
  for (char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

void render_kind(const StepKind& k, std::string& out) {
  out += "### `" + k.name + "`\n" + k.summary + "\n\n";
  std::string forms;
  for (const auto& f : k.forms) forms += (forms.empty() ? "" : " or ") + ("`" + f + "`");
  out += "Written " + forms + ".\n\n";
  if (k.fields.empty()) return;
  out += "| field | type | default | meaning |\n| --- | --- | --- | --- |\n";
  for (const auto& f : k.fields) {
    out += "| `" + f.name + "` | " + cell(f.type) + " | " + cell(f.presence) + " | " + cell(f.doc) + " |\n";
  }
  out += "\n";
}

}  // namespace

std::string render_step_reference(const StepRegistry& registry) {
  std::string out = std::string(kStepReferenceBegin) + "\n";
  out += "## Steps\n\nEach step is a mapping of one step name to its fields. Steps that move messages between two\n"
         "sockets use the envelopes of `conformance/pairings.yaml`; `send` and `recv` are raw.\n\n";
  for (const StepKind* k : registry.kinds()) {
    if (!k->raw_peer) render_kind(*k, out);
  }
  out += "## Wire steps (`peer: raw` only)\n\nThe harness's own ZMTP peer plays role B (see \"Wire scenarios\" below).\n\n";
  for (const StepKind* k : registry.kinds()) {
    if (k->raw_peer) render_kind(*k, out);
  }
  out += std::string(kStepReferenceEnd) + "\n";
  return out;
}

}  // namespace zconform
