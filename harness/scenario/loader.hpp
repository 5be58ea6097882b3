#pragma once
// Reads and validates scenario files. Every mistake is a FileError "file:line: what is wrong";
// loading a directory collects all of them instead of stopping at the first bad file.
#include <filesystem>
#include <string>
#include <vector>

#include "scenario/clauses.hpp"
#include "scenario/pairing_table.hpp"
#include "scenario/scenario.hpp"
#include "scenario/step_registry.hpp"

namespace zconform {

// `steps`: the step kinds of the language (steps/step_registry.hpp: step_registry()).
Scenario load_scenario_file(const std::filesystem::path& file, const ClauseCatalogue& clauses,
                            const PairingTable& table, const StepRegistry& steps);

struct ScenarioSet {
  std::vector<Scenario> scenarios;  // sorted by id
  std::vector<std::string> errors;  // one message per bad file
};
// Every *.yaml below `dir`, recursively; also rejects two scenarios with one id.
ScenarioSet load_scenario_dir(const std::filesystem::path& dir, const ClauseCatalogue& clauses,
                              const PairingTable& table, const StepRegistry& steps);

}  // namespace zconform
