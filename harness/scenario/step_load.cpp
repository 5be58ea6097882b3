#include "scenario/step_load.hpp"

namespace zconform {

std::string StepLoad::socket(const YAML::Node& node) const {
  if (!node || !node.IsScalar()) fail(node, "expected a socket name");
  if (!scenario.sockets.count(node.Scalar())) {
    std::string known;
    for (const auto& [name, role] : scenario.sockets) known += " " + name;
    fail(node, "unknown socket '" + node.Scalar() + "' (declared:" + known + ")");
  }
  return node.Scalar();
}

std::vector<std::string> StepLoad::sockets(const YAML::Node& node, size_t min) const {
  if (!node || !node.IsSequence() || node.size() < min) {
    fail(node, "expected a list of at least " + std::to_string(min) + " socket names");
  }
  std::vector<std::string> names;
  for (const auto& n : node) names.push_back(socket(n));
  return names;
}

Role StepLoad::role(const YAML::Node& node) const {
  return reader.choice<Role>(node, "a role", role_names());
}

}  // namespace zconform
