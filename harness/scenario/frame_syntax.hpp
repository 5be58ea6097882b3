#pragma once
// The values steps share: frames ("text", {hex}, {size, fill}, {parts}, {id}, {var}, {capture},
// {any}), option values, endpoints. The syntax is in conformance/scenarios/README.md ("Frames").
#include <yaml-cpp/yaml.h>

#include "protocol/messages.hpp"
#include "scenario/scenario.hpp"
#include "scenario/step_load.hpp"

namespace zconform {

// Frames that name sockets ({id: a}) are checked against the scenario's sockets.
FrameSpecs read_frames(const StepLoad& load, const YAML::Node& node);

// True when a literal frame holds "{n}": the message number of a repeated send.
bool is_numbered(const FrameSpecs& frames);

// Option values: integers, booleans, strings ("quoted" stays a string), {hex: ...}, or {var: name}
// (kept as the object {"var": name} until the step plays).
protocol::Json read_option_value(const YamlReader& reader, const YAML::Node& node);

// 'auto', {of: socket} or a literal endpoint ("$TRANSPORT" is replaced by the case's transport,
// "$CASE" by a token no other case uses).
EndpointSpec read_endpoint(const StepLoad& load, const YAML::Node& node);

}  // namespace zconform
