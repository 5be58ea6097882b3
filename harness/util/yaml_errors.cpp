#include "util/yaml_errors.hpp"

#include <fstream>
#include <sstream>

namespace zconform {

void fail_at(const std::filesystem::path& file, const YAML::Mark& mark, std::string_view message) {
  std::string where = file.string();
  if (!mark.is_null()) where += ":" + std::to_string(mark.line + 1);
  throw FileError(where + ": " + std::string(message));
}

YAML::Node load_yaml_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw FileError(file.string() + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  try {
    YAML::Node root = YAML::Load(text.str());
    if (!root.IsMap()) fail_at(file, root.Mark(), "expected a mapping of fields at the top level");
    return root;
  } catch (const YAML::Exception& e) {
    fail_at(file, e.mark, "YAML syntax error: " + e.msg);
  }
}

void reject_unknown_keys(const std::filesystem::path& file, const YAML::Node& map,
                         std::initializer_list<std::string_view> allowed) {
  if (map.IsNull()) return;  // "step:" with nothing after it: no fields, so none unknown
  if (!map.IsMap()) {
    std::string expected;
    for (auto a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
    fail_at(file, map.Mark(), "expected a mapping with the fields: " + expected);
  }
  for (const auto& entry : map) {
    std::string key = entry.first.as<std::string>("");
    bool known = false;
    for (auto a : allowed) known = known || key == a;
    if (known) continue;
    std::string expected;
    for (auto a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
    fail_at(file, entry.first.Mark(),
            "unknown field '" + key + "' (expected one of: " + expected + ")");
  }
}

std::string require_scalar(const std::filesystem::path& file, const YAML::Node& map,
                           std::string_view key) {
  YAML::Node node = map[std::string(key)];
  if (!node) fail_at(file, map.Mark(), "missing field '" + std::string(key) + "'");
  if (!node.IsScalar() || node.Scalar().empty()) {
    fail_at(file, node.Mark(), "field '" + std::string(key) + "' must be a non-empty string");
  }
  return node.Scalar();
}

std::vector<std::string> require_string_list(const std::filesystem::path& file,
                                             const YAML::Node& map, std::string_view key) {
  YAML::Node node = map[std::string(key)];
  if (!node) fail_at(file, map.Mark(), "missing field '" + std::string(key) + "'");
  if (!node.IsSequence() || node.size() == 0) {
    fail_at(file, node.Mark(), "field '" + std::string(key) + "' must be a non-empty list");
  }
  std::vector<std::string> out;
  for (const auto& item : node) {
    if (!item.IsScalar()) {
      fail_at(file, item.Mark(), "field '" + std::string(key) + "' must list strings only");
    }
    out.push_back(item.Scalar());
  }
  return out;
}

bool optional_bool(const std::filesystem::path& file, const YAML::Node& map, std::string_view key,
                   bool fallback) {
  const YAML::Node node = map[std::string(key)];
  if (!node) return fallback;
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    fail_at(file, node.Mark(), "'" + std::string(key) + "' must be true or false");
  }
}

}  // namespace zconform
