#pragma once
// Where zconform finds its data by default: next to the sources it was built from, so that
// build/zconform works from any directory without flags.
#include <filesystem>

namespace zconform {

std::filesystem::path source_dir();      // the project root this binary was built from
std::filesystem::path executable_dir();  // where this binary is (build/)

}  // namespace zconform
