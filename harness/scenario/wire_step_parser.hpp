#pragma once
// Parses the raw peer's steps in wire scenarios (`peer: raw`); the syntax is in
// conformance/scenarios/README.md ("Wire scenarios"). Mistakes are FileErrors with file:line.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>

#include "scenario/scenario.hpp"

namespace zconform {

bool is_wire_step(const std::string& kind);
std::string wire_step_names();  // "expect_greeting, expect_ready, greet, ..."

// Fills step.kind and step.wire from the step's body.
void parse_wire_step(const std::filesystem::path& file, const std::string& kind, const YAML::Node& body, Step& step);

}  // namespace zconform
