#pragma once
// Rules that span several steps, checked when a scenario loads, from what each step declares it
// does (StepEffects):
// - transfers must make sense for every pairing the scenario expands to (no SUB sending to PUB);
// - REQ and REP are followed through the steps: a step that would make one send or receive out of
//   turn (EFSM) is a mistake in the scenario, not a finding about the implementation;
// - each `as` name is given once, and `reply`/`pending` name one given before.
#include <yaml-cpp/yaml.h>

#include "scenario/pairing_table.hpp"
#include "scenario/scenario.hpp"
#include "util/yaml_reader.hpp"

namespace zconform {

// `steps` is the scenario's list of step nodes, for the line of each error.
void check_step_rules(const YamlReader& reader, const YAML::Node& steps, const PairingTable& table,
                      const Scenario& scenario);

}  // namespace zconform
