#include "cli/paths.hpp"

namespace zconform {

std::filesystem::path source_dir() { return ZCONFORM_SOURCE_DIR; }

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::current_path() : exe.parent_path();
}

}  // namespace zconform
