#pragma once
// Loads the clause catalogue and the scenarios, expands and filters the cases. Bad scenario
// files are reported and left out; the good ones still run.
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "scenario/clauses.hpp"
#include "scenario/expansion.hpp"
#include "scenario/loader.hpp"

namespace zconform {

struct LoadedSuite {
  ClauseCatalogue catalogue;
  PairingTable pairings;
  ScenarioSet scenarios;        // owns what the cases point to
  std::vector<CaseSpec> cases;  // filtered
};

// Throws FileError when the catalogue, the pairing table or the scenario directory is unusable.
std::unique_ptr<LoadedSuite> load_suite(const CommonOptions& options);

// The same for commands that only read the suite: errors go to stderr (the unusable file, then
// each bad scenario); nullptr when nothing can be loaded.
std::unique_ptr<LoadedSuite> load_suite_reporting_errors(const CommonOptions& options);

}  // namespace zconform
