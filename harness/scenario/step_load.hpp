#pragma once
// What a step kind may look at while it is read from YAML: the file (through YamlReader) and the
// scenario's declarations (sockets, peer, relay, processes) that steps refer to.
#include <string>
#include <vector>

#include "scenario/scenario.hpp"
#include "util/yaml_reader.hpp"

namespace zconform {

struct StepLoad {
  const YamlReader& reader;
  const Scenario& scenario;
  YAML::Node at = {};  // the step being read: errors about the whole step name its line

  [[noreturn]] void fail_step(std::string_view message) const { reader.fail(at, message); }

  // At `node`'s line; at the step's when `node` has none (a mapping a short form stands for).
  [[noreturn]] void fail(const YAML::Node& node, std::string_view message) const {
    reader.fail(node && !node.Mark().is_null() ? node : at, message);
  }
  // A socket the scenario declares.
  std::string socket(const YAML::Node& node) const;
  std::vector<std::string> sockets(const YAML::Node& node, size_t min) const;
  Role role(const YAML::Node& node) const;
};

}  // namespace zconform
