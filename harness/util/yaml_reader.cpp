#include "util/yaml_reader.hpp"

#include <algorithm>

namespace zconform {
namespace {

constexpr long long kMaxGeneratedFrame = 64 << 20;

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

void YamlReader::fail(const YAML::Node& at, std::string_view message) const {
  fail_at(file_, at.Mark(), message);
}

YAML::Node YamlReader::require(const YAML::Node& map, std::string_view key) const {
  const YAML::Node node = map[std::string(key)];
  if (!node) fail(map, "missing field '" + std::string(key) + "'");
  return node;
}

void YamlReader::only_keys(const YAML::Node& map, const std::vector<std::string>& allowed) const {
  if (map.IsNull()) return;  // "step:" with nothing after it: no fields, so none unknown
  if (!map.IsMap()) fail(map, "expected a mapping with the fields: " + joined(allowed));
  for (const auto& entry : map) {
    const std::string key = entry.first.as<std::string>("");
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    fail(entry.first, "unknown field '" + key + "' (expected one of: " + joined(allowed) + ")");
  }
}

std::string YamlReader::required_text(const YAML::Node& map, std::string_view key) const {
  return text(require(map, key), "field '" + std::string(key) + "'");
}

std::vector<std::string> YamlReader::required_texts(const YAML::Node& map,
                                                    std::string_view key) const {
  const YAML::Node node = require(map, key);
  if (!node.IsSequence() || node.size() == 0)
    fail(node, "field '" + std::string(key) + "' must be a non-empty list");
  return texts(node, "field '" + std::string(key) + "'");
}

bool YamlReader::flag(const YAML::Node& map, std::string_view key, bool fallback) const {
  const YAML::Node node = map[std::string(key)];
  return node ? boolean(node, "'" + std::string(key) + "'") : fallback;
}

long long YamlReader::integer(const YAML::Node& node, std::string_view what, long long min,
                              long long max) const {
  long long value = 0;
  try {
    value = node.as<long long>();
  } catch (const YAML::Exception&) {
    fail(node, std::string(what) + " must be an integer");
  }
  if (value < min || value > max) {
    fail(node, std::string(what) + " must be " + std::to_string(min) + ".." + std::to_string(max));
  }
  return value;
}

uint64_t YamlReader::unsigned64(const YAML::Node& node, std::string_view what) const {
  try {
    return node.as<uint64_t>();
  } catch (const YAML::Exception&) {
    fail(node, std::string(what) + " must be an integer 0..2^64-1");
  }
}

bool YamlReader::boolean(const YAML::Node& node, std::string_view what) const {
  try {
    return node.as<bool>();
  } catch (const YAML::Exception&) {
    fail(node, std::string(what) + " must be true or false");
  }
}

std::string YamlReader::text(const YAML::Node& node, std::string_view what) const {
  if (!node.IsScalar() || node.Scalar().empty())
    fail(node, std::string(what) + " must be a non-empty string");
  return node.Scalar();
}

std::vector<std::string> YamlReader::texts(const YAML::Node& node, std::string_view what,
                                           size_t min) const {
  if (!node.IsSequence() || node.size() < min) {
    fail(node,
         std::string(what) + " must be a list of at least " + std::to_string(min) + " name(s)");
  }
  std::vector<std::string> out;
  for (const auto& item : node) out.push_back(text(item, what));
  return out;
}

std::string YamlReader::hex(const YAML::Node& node) const {
  std::string digits = node.IsScalar() ? node.Scalar() : "";
  std::erase_if(digits, [](char c) { return c == ' ' || c == '_'; });
  if (!node.IsScalar() || digits.size() % 2 != 0 ||
      digits.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
    fail(node, "hex must hold an even number of hex digits");
  }
  std::string out;
  for (size_t i = 0; i < digits.size(); i += 2)
    out += static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16));
  return out;
}

std::string YamlReader::generated(const YAML::Node& map) const {
  const auto size =
      static_cast<size_t>(integer(require(map, "size"), "frame size", 0, kMaxGeneratedFrame));
  const std::string fill = map["fill"] ? map["fill"].Scalar() : std::string();
  std::string out(size, '\0');
  for (size_t i = 0; i < size; ++i)
    out[i] = fill.empty() ? static_cast<char>(i % 251) : fill[i % fill.size()];
  return out;
}

std::string YamlReader::bytes(const YAML::Node& node) const {
  if (node.IsScalar()) return node.Scalar();
  if (node.IsMap() && node["hex"]) {
    only_keys(node, {"hex"});
    return hex(node["hex"]);
  }
  if (node.IsMap() && node["size"]) {
    only_keys(node, {"size", "fill"});
    return generated(node);
  }
  fail(node, "expected bytes: a string, {hex: ...} or {size: N, fill: ...}");
}

}  // namespace zconform
