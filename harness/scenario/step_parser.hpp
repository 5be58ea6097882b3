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

}  // namespace zconform
