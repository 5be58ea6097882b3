// Fuzz target: an implementation file (conformance/implementations/NAME.yaml, or --impl-file) as
// the driver loads it before it starts an agent. Every mistake must be a FileError naming file and
// line; nothing is started here.
#include <cstddef>
#include <cstdint>

#include "agent/implementation.hpp"
#include "input_file.hpp"
#include "util/yaml_errors.hpp"

using namespace zconform;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto file = fuzz::write_input(data, size, ".yaml");
  try {
    (void)load_implementation_file(file, {"/build", ZCONFORM_SOURCE_DIR});
  } catch (const FileError&) {
  }
  return 0;
}
