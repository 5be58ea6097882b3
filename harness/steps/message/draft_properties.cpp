#include "steps/message/draft_properties.hpp"

#include <charconv>

#include "steps/step_support.hpp"

namespace zconform::steps {

RoutingIdSpec read_routing_id(const StepLoad& load, const YAML::Node& node, bool receiving) {
  const YamlReader& r = load.reader;
  RoutingIdSpec spec;
  if (node.IsScalar()) {
    spec.kind = RoutingIdSpec::Kind::number;
    spec.number = static_cast<uint32_t>(r.integer(node, "'routing_id'", 0, UINT32_MAX));
    return spec;
  }
  if (node.IsMap() && node["var"]) {
    r.only_keys(node, {"var"});
    spec.kind = RoutingIdSpec::Kind::variable;
    spec.name = r.text(node["var"], "'var'");
    return spec;
  }
  if (receiving && node.IsMap() && node["capture"]) {
    r.only_keys(node, {"capture"});
    spec.kind = RoutingIdSpec::Kind::capture;
    spec.name = r.text(node["capture"], "'capture'");
    return spec;
  }
  r.fail(node, receiving ? "'routing_id' is a number, {var: name} or {capture: name}"
                         : "'routing_id' is a number or {var: name}");
}

std::string read_group(const StepLoad& load, const YAML::Node& node) {
  // libzmq takes up to ZMQ_GROUP_MAX_LENGTH (255) octets; RFC 48 says 1 to 15 (RD-01).
  std::string group = load.reader.text(node, "'group'");
  if (group.size() > 255) load.fail(node, "'group' is 1 to 255 octets");
  return group;
}

namespace {

uint32_t routing_id_in_variable(CaseContext& cx, const std::string& name) {
  auto it = cx.variables.find(name);
  if (it == cx.variables.end())
    throw CaseStop{Verdict::error, "routing id variable '" + name + "' captured earlier",
                   "never captured"};
  uint32_t id = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size())
    throw CaseStop{Verdict::error, "variable '" + name + "' holds a routing id",
                   "it holds frame bytes: capture it with recv's routing_id"};
  return id;
}

}  // namespace

MessageProperties resolve_properties(CaseContext& cx, const RoutingIdSpec& routing_id,
                                     const std::optional<std::string>& group) {
  MessageProperties p;
  p.group = group;
  if (routing_id.kind == RoutingIdSpec::Kind::number) p.routing_id = routing_id.number;
  if (routing_id.kind == RoutingIdSpec::Kind::variable)
    p.routing_id = routing_id_in_variable(cx, routing_id.name);
  return p;
}

void check_properties(CaseContext& cx, const RoutingIdSpec& routing_id,
                      const std::optional<std::string>& group, const Received& got,
                      const std::string& wanted) {
  const MessageProperties& p = got.properties;
  if (routing_id.kind != RoutingIdSpec::Kind::none && !p.routing_id)
    cx.fail(wanted + " with a routing id", "a message without one");
  if (routing_id.kind == RoutingIdSpec::Kind::capture)
    cx.variables[routing_id.name] = std::to_string(*p.routing_id);
  if (routing_id.kind == RoutingIdSpec::Kind::number ||
      routing_id.kind == RoutingIdSpec::Kind::variable) {
    const uint32_t expected = resolve_properties(cx, routing_id, std::nullopt).routing_id.value();
    if (*p.routing_id != expected)
      cx.fail(wanted + " from routing id " + std::to_string(expected),
              "routing id " + std::to_string(*p.routing_id));
  }
  if (group && p.group != group)
    cx.fail(wanted + " in group \"" + *group + "\"",
            p.group ? "group \"" + *p.group + "\"" : "a message without a group");
}

}  // namespace zconform::steps
