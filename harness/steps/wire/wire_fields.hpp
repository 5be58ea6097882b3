#pragma once
// Fields the wire steps that check something share: the verdict a failed check gives, and how
// long a read may wait.
#include "run/wire_session.hpp"
#include "scenario/wire_frame_syntax.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {

template <typename S>
Field<S> otherwise_field(WireCheck S::*check) {
  return field::custom<S>("otherwise", "pass | fail | non-strict | informational",
                          "the verdict a failed check gives instead of fail (for SHOULDs, and "
                          "receivers the RFC does not bind)",
                          [check](const StepLoad& load, const YAML::Node& node, S& s) {
                            (s.*check).otherwise = read_outcome_verdict(load.reader, node);
                          });
}

template <typename S>
Field<S> within_field(WireCheck S::*check) {
  return field::integer<S>(
             "within_ms", [check](S & s) -> auto& { return (s.*check).within_ms; }, 1, 600000,
             "how long to wait for the implementation")
      .defaults("what the case has left");
}

}  // namespace zconform::steps

namespace zconform::steps {

// The lies a frame the raw peer writes may tell (scenario/wire_frame_syntax.hpp, frame_lies()),
// as rows of a field table: `ready` takes them beside its own fields.
template <typename S>
std::vector<Field<S>> frame_lie_fields(WireFrameSpec S::*frame) {
  std::vector<Field<S>> rows;
  for (const FrameLie& lie : frame_lies()) {
    rows.push_back(
        field::custom<S>(lie.name, lie.type, lie.doc,
                         [frame, read = lie.read](const StepLoad& load, const YAML::Node& node,
                                                  S& s) { read(load.reader, node, s.*frame); })
            .defaults(lie.presence));
  }
  return rows;
}

template <typename S>
Field<S> properties_field(std::optional<std::vector<PropertySpec>> S::*properties,
                          std::string doc) {
  return field::custom<S>("properties", "{name: bytes, ...}", std::move(doc),
                          [properties](const StepLoad& load, const YAML::Node& node, S& s) {
                            s.*properties = read_properties(load.reader, node);
                          });
}

template <typename S>
std::vector<Field<S>> operator+(std::vector<Field<S>> a, std::vector<Field<S>> b) {
  for (auto& f : b) a.push_back(std::move(f));
  return a;
}

}  // namespace zconform::steps
