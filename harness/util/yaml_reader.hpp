#pragma once
// The one way the project reads its YAML files (scenarios, pairings.yaml, implementations,
// baselines): numbers in a range, booleans, names from a fixed set, lists, bytes. Every mistake is
// a FileError "file:line: what is wrong", naming the field as the file writes it.
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/yaml_errors.hpp"

namespace zconform {

class YamlReader {
 public:
  explicit YamlReader(std::filesystem::path file) : file_(std::move(file)) {}

  const std::filesystem::path& file() const { return file_; }
  [[noreturn]] void fail(const YAML::Node& at, std::string_view message) const;

  // map[key], or a "missing field 'key'" error at the map.
  YAML::Node require(const YAML::Node& map, std::string_view key) const;
  // Keys outside `allowed` are errors (a typo is never silently ignored).
  void only_keys(const YAML::Node& map, const std::vector<std::string>& allowed) const;

  // map[key] as a non-empty string / a non-empty list of them, which must be there.
  std::string required_text(const YAML::Node& map, std::string_view key) const;
  std::vector<std::string> required_texts(const YAML::Node& map, std::string_view key) const;
  // map[key] as true/false, `fallback` when absent.
  bool flag(const YAML::Node& map, std::string_view key, bool fallback) const;

  // `what` names the value in messages: "'count'", "frame size".
  long long integer(const YAML::Node& node, std::string_view what, long long min,
                    long long max) const;
  int integer32(const YAML::Node& node, std::string_view what, int min, int max) const {
    return static_cast<int>(integer(node, what, min, max));
  }
  uint8_t octet(const YAML::Node& node, std::string_view what) const {
    return static_cast<uint8_t>(integer(node, what, 0, 255));
  }
  uint64_t unsigned64(const YAML::Node& node, std::string_view what) const;
  bool boolean(const YAML::Node& node, std::string_view what) const;
  // A non-empty scalar.
  std::string text(const YAML::Node& node, std::string_view what) const;
  // A list of at least `min` non-empty scalars.
  std::vector<std::string> texts(const YAML::Node& node, std::string_view what,
                                 size_t min = 1) const;

  // One of a fixed set of names; the error lists them.
  template <typename E>
  E choice(const YAML::Node& node, std::string_view what,
           const std::vector<std::pair<std::string, E>>& names) const {
    if (node.IsScalar()) {
      for (const auto& [name, value] : names) {
        if (node.Scalar() == name) return value;
      }
    }
    std::string known;
    for (const auto& [name, value] : names) known += (known.empty() ? "" : ", ") + name;
    fail(node, std::string(what) + " is one of: " + known);
  }

  // Bytes as scenarios write them: "text", {hex: "ff 00"} or {size: N, fill: "ab"}.
  std::string bytes(const YAML::Node& node) const;
  // The value of a `hex:` key: an even number of hex digits, spaces and '_' ignored.
  std::string hex(const YAML::Node& node) const;
  // {size: N, fill: "ab"}: fill repeated; without fill a pattern cycling through 251 byte values,
  // so that truncation or reordering shows.
  std::string generated(const YAML::Node& map) const;

 private:
  std::filesystem::path file_;
};

}  // namespace zconform
