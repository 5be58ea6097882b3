// Fuzz target: a scenario file, as zconform loads it (YAML, the step language, clause IDs,
// pairings), then expanded into cases. Every mistake must be a FileError naming file and line:
// any other exception, a crash or a hang is a bug. A file that loads must expand without one.
#include <cstddef>
#include <cstdint>

#include "input_file.hpp"
#include "scenario/expansion.hpp"
#include "scenario/loader.hpp"
#include "steps/step_registry.hpp"
#include "util/yaml_errors.hpp"

using namespace zconform;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ClauseCatalogue clauses =
      ClauseCatalogue::load(fuzz::source_file("conformance/spec/CLAUSES.md"));
  static const PairingTable table =
      PairingTable::load(fuzz::source_file("conformance/pairings.yaml"));
  const auto file = fuzz::write_input(data, size, ".yaml");
  try {
    Scenario scenario = load_scenario_file(file, clauses, table, step_registry());
    (void)expand_cases({scenario});
  } catch (const FileError&) {
  }
  return 0;
}
