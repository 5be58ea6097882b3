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

// The lies a frame the raw peer writes may tell, as `ready` takes them. (`write` frames take the
// same keys inside each frame: scenario/wire_frame_syntax.cpp, read_frame_lies.)
template <typename S>
std::vector<Field<S>> frame_lie_fields(WireFrameSpec S::*frame) {
  return {
      field::boolean<S>(
          "more", [frame](S & s) -> auto& { return (s.*frame).more; }, "the MORE flag")
          .defaults("false (a command stands alone)"),
      field::boolean<S>(
          "long", [frame](S & s) -> auto& { return (s.*frame).force_long; },
          "an 8-octet size however short the body (FRAME-03)"),
      field::custom<S>("declared_size", "integer 0..2^64-1",
                       "the size written in the header, lying about the body",
                       [frame](const StepLoad& load, const YAML::Node& node, S& s) {
                         (s.*frame).declared_size = load.reader.unsigned64(node, "'declared_size'");
                       }),
      field::octet<S>(
          "reserved", [frame](S & s) -> auto& { return (s.*frame).reserved; },
          "OR-ed into the flags (FRAME-01)"),
      field::boolean<S>(
          "as_message", [frame](S & s) -> auto& { return (s.*frame).as_message; },
          "a command's body without the COMMAND flag (FRAME-10)"),
      field::octet<S>(
          "flags", [frame](S & s) -> auto& { return (s.*frame).raw_flags; },
          "the flags octet exactly"),
      field::integer<S>(
          "truncate", [frame](S & s) -> auto& { return (s.*frame).truncate; }, 0, 1 << 26,
          "only this many octets of the encoded frame are written"),
  };
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
