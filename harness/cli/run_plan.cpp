#include "cli/run_plan.hpp"

#include <set>

#include "cli/paths.hpp"
#include "util/yaml_errors.hpp"

namespace zconform {

std::string ImplementationChoice::flag() const {
  return file.empty() ? "--impl " + name : "--impl-file " + file.string();
}

bool RunLeg::plays(const CaseSpec& spec) const {
  if (!is_pair()) return true;
  if (spec.scenario->raw_peer) return false;
  std::set<Role> roles;
  for (const auto& [name, role] : spec.scenario->sockets) roles.insert(role);
  return roles.size() == 2;
}

void RunLeg::apply_baselines(CaseResult& result) const {
  if (baseline && apply_baseline(*baseline, result)) return;
  const std::string alone_id = result.id.substr(0, result.id.size() - case_id_suffix.size());
  // "PUSH-PULL": the type each side plays, for entries that name the types they blame.
  const auto dash = result.pairing.find('-');
  for (const auto& [b, side_a] : inherited) {
    const std::string played = dash == std::string::npos ? ""
                               : side_a                  ? result.pairing.substr(0, dash)
                                                         : result.pairing.substr(dash + 1);
    if (apply_baseline(b, result, alone_id, played)) {
      result.baseline_reason = "(" + b.file.filename().string() + ") " + result.baseline_reason;
      return;
    }
  }
}

static ImplementationChoice choose(const std::string& name, const std::filesystem::path& file,
                                   const CommonOptions& common) {
  PathVariables vars{executable_dir(), source_dir()};
  ImplementationChoice c{name, file, {}};
  c.loaded = file.empty() ? load_registered_implementation(
                                common.conformance_dir / "implementations", name, vars)
                          : load_implementation_file(file, vars);
  return c;
}

std::vector<ImplementationChoice> chosen_implementations(const RunOptions& options) {
  std::vector<ImplementationChoice> impls;
  std::set<std::string> names;
  auto add = [&](ImplementationChoice c) {
    // Two of one name would share agents and case IDs: a leg would not know which it ran.
    if (!names.insert(c.loaded.name).second)
      throw FileError("implementation '" + c.loaded.name + "' is named twice on the command line");
    impls.push_back(std::move(c));
  };
  for (const auto& name : options.impls) add(choose(name, "", options.common));
  for (const auto& file : options.impl_files) add(choose("", file, options.common));
  if (impls.empty()) add(choose("libzmq", "", options.common));
  return impls;
}

std::optional<ImplementationChoice> chosen_peer(const RunOptions& options, size_t impl_count) {
  if (options.peer.empty() && options.peer_file.empty()) return std::nullopt;
  if (impl_count != 1)
    throw FileError("--peer pairs with one implementation; several make their own pairs");
  return choose(options.peer, options.peer_file, options.common);
}

static std::optional<Baseline> baseline_for(const RunOptions& options, const std::string& stem,
                                            const ClauseCatalogue& catalogue) {
  if (options.no_baseline) return std::nullopt;
  if (!options.baseline.empty()) return Baseline::load(options.baseline, catalogue);
  if (stem.empty()) return std::nullopt;
  auto file = options.common.conformance_dir / "baselines" / (stem + ".yaml");
  if (!std::filesystem::exists(file)) return std::nullopt;
  return Baseline::load(file, catalogue);
}

static std::string rerun_prefix(const RunOptions& options, const RunLeg& leg) {
  const bool own_conformance = options.common.conformance_dir != source_dir() / "conformance";
  std::string peer;
  if (leg.a != leg.b) {
    peer = leg.b->file.empty() ? " --peer " + leg.b->name : " --peer-file " + leg.b->file.string();
  }
  return executable_dir().string() + "/zconform run " +
         (own_conformance ? "--conformance " + options.common.conformance_dir.string() + " " : "") +
         leg.a->flag() + peer + (options.strict ? " --strict" : "") +
         (options.deadline_ms ? " --deadline-ms " + std::to_string(options.deadline_ms) : "");
}

std::vector<RunLeg> plan_legs(const RunOptions& options,
                              const std::vector<ImplementationChoice>& impls,
                              const std::optional<ImplementationChoice>& peer,
                              const ClauseCatalogue& catalogue) {
  std::vector<RunLeg> legs;
  auto add = [&](const ImplementationChoice& a, const ImplementationChoice& b) {
    RunLeg leg;
    leg.a = &a;
    leg.b = &b;
    const bool pair = a.loaded.name != b.loaded.name;
    if (pair) leg.case_id_suffix = "/" + a.loaded.name + "+" + b.loaded.name;
    // A registered implementation alone has conformance/baselines/NAME.yaml; a pair, A+B.yaml.
    const std::string stem = pair ? a.loaded.name + "+" + b.loaded.name : a.name;
    leg.baseline = baseline_for(options, stem, catalogue);
    if (pair && options.baseline.empty()) {
      for (const auto* side : {&a, &b}) {
        if (auto alone = baseline_for(options, side->name, catalogue))
          leg.inherited.push_back({std::move(*alone), side == &a});
      }
    }
    leg.rerun_prefix = rerun_prefix(options, leg);
    legs.push_back(std::move(leg));
  };
  if (peer) {
    add(impls.front(), *peer);
    return legs;
  }
  for (const auto& impl : impls) add(impl, impl);
  for (const auto& a : impls) {
    for (const auto& b : impls) {
      if (&a != &b) add(a, b);
    }
  }
  return legs;
}

}  // namespace zconform
