#include <iostream>

#include "cli/commands.hpp"
#include "cli/suite_loading.hpp"
#include "util/yaml_errors.hpp"

namespace zconform {

int list_command(const CommonOptions& options) {
  std::unique_ptr<LoadedSuite> suite;
  try {
    suite = load_suite(options);
  } catch (const FileError& e) {
    std::cerr << "zconform: " << e.what() << "\n";
    return kExitHarnessError;
  }
  for (const auto& error : suite->scenarios.errors) std::cerr << "zconform: " << error << "\n";
  for (const auto& c : suite->cases) std::cout << c.id << "\n";
  return suite->scenarios.errors.empty() ? kExitOk : kExitHarnessError;
}

}  // namespace zconform
