#pragma once
// Parses the steps and frames of a scenario file (the syntax is in conformance/scenarios/README.md).
// Every mistake is a FileError "file:line: what is wrong".
#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "scenario/scenario.hpp"

namespace zconform {

// `scenario` supplies the declared sockets; steps refer to them by name.
Step parse_step(const std::filesystem::path& file, const YAML::Node& node, const Scenario& scenario);

FrameSpecs parse_frames(const std::filesystem::path& file, const YAML::Node& node);

// Bytes as scenarios write them: "text", {hex: "ff 00"} or {size: N, fill: "ab"} (a generated
// pattern, the same one frames use).
std::string parse_byte_string(const std::filesystem::path& file, const YAML::Node& node);
// The value of a `hex:` key; the pattern a {size: N, fill: ...} mapping stands for.
std::string parse_hex(const std::filesystem::path& file, const YAML::Node& hex);
std::string parse_generated(const std::filesystem::path& file, const YAML::Node& map);

}  // namespace zconform
