// Fuzz target: a baseline file (conformance/baselines/NAME.yaml) as the CI gate loads it. Every
// mistake must be a FileError naming file and line; an entry that loads is applied to a result.
#include <cstddef>
#include <cstdint>

#include "gate/baseline.hpp"
#include "input_file.hpp"
#include "util/yaml_errors.hpp"

using namespace zconform;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ClauseCatalogue clauses =
      ClauseCatalogue::load(fuzz::source_file("conformance/spec/CLAUSES.md"));
  const auto file = fuzz::write_input(data, size, ".yaml");
  try {
    // An include names another file: only the input itself, or files that are not there.
    Baseline baseline = Baseline::load(file, clauses);
    CaseResult result;
    result.id = "delivery.single/PUSH-PULL/tcp/PULL-binds";
    result.verdict = Verdict::fail;
    (void)apply_baseline(baseline, result, result.id, "PULL");
  } catch (const FileError&) {
  }
  return 0;
}
