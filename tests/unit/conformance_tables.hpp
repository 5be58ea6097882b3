#pragma once
// The project's own clause catalogue and pairing table, for tests that load scenarios as users
// write them (against the real CLAUSES.md and pairings.yaml).
#include <filesystem>

#include "scenario/loader.hpp"
#include "steps/step_registry.hpp"

inline const zconform::ClauseCatalogue& project_catalogue() {
  static zconform::ClauseCatalogue c = zconform::ClauseCatalogue::load(
      std::filesystem::path(ZCONFORM_SOURCE_DIR) / "conformance/spec/CLAUSES.md");
  return c;
}

inline const zconform::PairingTable& project_pairings() {
  static zconform::PairingTable t = zconform::PairingTable::load(
      std::filesystem::path(ZCONFORM_SOURCE_DIR) / "conformance/pairings.yaml");
  return t;
}

inline zconform::Scenario load_with_project_tables(const std::filesystem::path& file) {
  return zconform::load_scenario_file(file, project_catalogue(), project_pairings(),
                                      zconform::step_registry());
}
