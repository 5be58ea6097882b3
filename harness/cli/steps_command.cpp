#include <iostream>

#include "cli/commands.hpp"
#include "steps/step_registry.hpp"

namespace zconform {

// The step reference conformance/scenarios/README.md holds (a test keeps the two equal).
int steps_command() {
  std::cout << render_step_reference(step_registry());
  return kExitOk;
}

}  // namespace zconform
