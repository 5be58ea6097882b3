#include <iostream>

#include "cli/commands.hpp"
#include "cli/suite_loading.hpp"

namespace zconform {

int list_command(const CommonOptions& options) {
  auto suite = load_suite_reporting_errors(options);
  if (!suite) return kExitHarnessError;
  for (const auto& c : suite->cases) std::cout << c.id << "\n";
  return suite->scenarios.errors.empty() ? kExitOk : kExitHarnessError;
}

}  // namespace zconform
