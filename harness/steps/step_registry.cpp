#include "steps/step_registry.hpp"

namespace zconform {

namespace steps {
#define ZCONFORM_STEP(name) const StepKind& name##_step_kind();
#include "steps/step_kinds.def"
#undef ZCONFORM_STEP
}  // namespace steps

const StepRegistry& step_registry() {
  static const StepRegistry registry({
#define ZCONFORM_STEP(name) &steps::name##_step_kind(),
#include "steps/step_kinds.def"
#undef ZCONFORM_STEP
  });
  return registry;
}

}  // namespace zconform
