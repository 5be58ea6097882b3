#pragma once
// How wire steps write the frames the raw peer sends and expects (conformance/scenarios/README.md,
// "Wire scenarios"): "text", {body|hex|size}, {command: NAME, <its fields>} plus the lies a frame
// may tell (more, long, declared_size, reserved, as_message, flags, truncate). Commands are built
// with harness/zmtp, never encoded here.
#include <yaml-cpp/yaml.h>

#include "scenario/wire_specs.hpp"
#include "util/yaml_reader.hpp"

namespace zconform {

WireFrameSpec read_write_frame(const YamlReader& reader, const YAML::Node& node);
WireFrameExpect read_expected_frame(const YamlReader& reader, const YAML::Node& node);
// A lie a written frame may tell: its key, how it is documented (for `ready`'s field table) and
// how it is read. One table for `ready` (steps/wire/ready.cpp) and the frames of `write`.
struct FrameLie {
  const char* name;
  const char* type;
  const char* presence;  // the default, as `ready` has it
  const char* doc;
  void (*read)(const YamlReader& reader, const YAML::Node& value, WireFrameSpec& spec);
};
const std::vector<FrameLie>& frame_lies();
// The lies a frame tells, as write frames take them (keys of `map` that are not lies are ignored).
void read_frame_lies(const YamlReader& reader, const YAML::Node& map, WireFrameSpec& spec);
// Property maps keep the file's order: READY's properties go on the wire in that order.
std::vector<PropertySpec> read_properties(const YamlReader& reader, const YAML::Node& node);
// Expected READY properties: value, ~ for absent, "*" for present with any value.
ReadyCheck read_ready_check(const YamlReader& reader, const YAML::Node& node);
OutcomeVerdict read_outcome_verdict(const YamlReader& reader, const YAML::Node& node);

}  // namespace zconform
