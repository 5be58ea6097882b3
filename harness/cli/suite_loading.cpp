#include "cli/suite_loading.hpp"

#include <iostream>

#include "steps/step_registry.hpp"
#include "util/yaml_errors.hpp"

namespace zconform {

std::unique_ptr<LoadedSuite> load_suite(const CommonOptions& options) {
  auto suite = std::make_unique<LoadedSuite>();
  suite->catalogue = ClauseCatalogue::load(options.conformance_dir / "spec" / "CLAUSES.md");
  auto dir = options.conformance_dir / "scenarios";
  if (!std::filesystem::is_directory(dir))
    throw FileError(dir.string() + ": no scenario directory");
  suite->pairings = PairingTable::load(options.conformance_dir / "pairings.yaml");
  suite->scenarios = load_scenario_dir(dir, suite->catalogue, suite->pairings, step_registry());
  for (auto& c : expand_cases(suite->scenarios.scenarios)) {
    if (case_matches(c.id, options.filter)) suite->cases.push_back(std::move(c));
  }
  return suite;
}

std::unique_ptr<LoadedSuite> load_suite_reporting_errors(const CommonOptions& options) {
  std::unique_ptr<LoadedSuite> suite;
  try {
    suite = load_suite(options);
  } catch (const FileError& e) {
    std::cerr << "zconform: " << e.what() << "\n";
    return nullptr;
  }
  for (const auto& error : suite->scenarios.errors) std::cerr << "zconform: " << error << "\n";
  return suite;
}

}  // namespace zconform
