#pragma once
// Errors in the project's YAML files (implementations, scenarios) always name file and line, so
// users can fix them without reading our code. yaml-cpp counts lines from 0; people count from 1.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace zconform {

class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "path:line: message"
[[noreturn]] void fail_at(const std::filesystem::path& file, const YAML::Mark& mark,
                          std::string_view message);

// Loads a YAML file; a syntax error becomes a FileError with its line.
YAML::Node load_yaml_file(const std::filesystem::path& file);

}  // namespace zconform
