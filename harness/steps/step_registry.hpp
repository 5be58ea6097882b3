#pragma once
// Every step kind of the scenario language (the list is steps/step_kinds.def).
#include "scenario/step_registry.hpp"

namespace zconform {

const StepRegistry& step_registry();

}  // namespace zconform
