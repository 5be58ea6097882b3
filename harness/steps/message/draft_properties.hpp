#pragma once
// The properties a draft socket type's message carries beside its frames (PROTOCOL.md "Draft
// socket types"), as `send` gives them and `recv` checks them:
//   routing_id: 7 | {var: client}      (send: the SERVER's peer; recv: the id expected)
//   routing_id: {capture: client}      (recv only: kept for a later send, as decimal text)
//   group: weather                     (send: the RADIO's group; recv: the DISH's group expected)
#include <cstdint>
#include <optional>
#include <string>

#include "run/messaging.hpp"
#include "scenario/step_kind.hpp"

namespace zconform::steps {

struct RoutingIdSpec {
  enum class Kind { none, number, variable, capture };
  Kind kind = Kind::none;
  uint32_t number = 0;
  std::string name;  // variable or capture
};

RoutingIdSpec read_routing_id(const StepLoad& load, const YAML::Node& node, bool receiving);
std::string read_group(const StepLoad& load, const YAML::Node& node);

// The `routing_id` and `group` fields of a step S, as send and recv declare them.
template <typename S>
Field<S> routing_id_field(RoutingIdSpec S::*member, bool receiving, std::string doc) {
  return field::custom<S>(
      "routing_id", receiving ? "integer | {var: name} | {capture: name}" : "integer | {var: name}",
      std::move(doc), [member, receiving](const StepLoad& load, const YAML::Node& node, S& s) {
        s.*member = read_routing_id(load, node, receiving);
      });
}

template <typename S>
Field<S> group_field(std::optional<std::string> S::*member, std::string doc) {
  return field::custom<S>("group", "string", std::move(doc),
                          [member](const StepLoad& load, const YAML::Node& node, S& s) {
                            s.*member = read_group(load, node);
                          });
}

// What a send passes to the agent; a variable never captured ends the case (error).
MessageProperties resolve_properties(CaseContext& cx, const RoutingIdSpec& routing_id,
                                     const std::optional<std::string>& group);

// Fails the case, saying what differs, unless `got` carries what is expected; keeps a capture.
void check_properties(CaseContext& cx, const RoutingIdSpec& routing_id,
                      const std::optional<std::string>& group, const Received& got,
                      const std::string& wanted);

}  // namespace zconform::steps
