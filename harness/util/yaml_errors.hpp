#pragma once
// Errors in the project's YAML files (implementations, scenarios) always name file and line, so
// users can fix them without reading our code. yaml-cpp counts lines from 0; people count from 1.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

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

// Rejects keys outside `allowed`, so that a typo ("arg:" for "argv:") is an error, not ignored.
void reject_unknown_keys(const std::filesystem::path& file, const YAML::Node& map,
                         std::initializer_list<std::string_view> allowed);

std::string require_scalar(const std::filesystem::path& file, const YAML::Node& map,
                           std::string_view key);
// `key` as true/false, `fallback` when absent; anything else is an error at its line.
bool optional_bool(const std::filesystem::path& file, const YAML::Node& map, std::string_view key,
                   bool fallback);

std::vector<std::string> require_string_list(const std::filesystem::path& file,
                                             const YAML::Node& map, std::string_view key);

}  // namespace zconform
