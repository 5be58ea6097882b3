#pragma once
// A step kind as the loader and the docs see it: its name, a one-line summary, its field table and
// short forms, and how to read one from YAML. A step type S (harness/steps/) provides
//   static constexpr const char* kName, kSummary;   static Fields<S> fields();
// and optionally
//   static Shorthand shorthand();                    (short forms such as `close: b`)
//   static constexpr bool kRawPeer = true;           (wire steps: scenarios with `peer: raw` only)
//   void validate(const StepLoad&, const YAML::Node& map);    (checks across its own fields; `map`
//       is the mapping after short forms are expanded; non-const to fill in derived defaults)
// make_step_kind<S>() turns that into a StepKind; steps/step_kinds.def registers it.
#include <functional>
#include <string>
#include <vector>

#include "scenario/field_table.hpp"
#include "scenario/step.hpp"

namespace zconform {

// Short forms of a step's mapping.
struct Shorthand {
  std::string scalar;    // `kind: x` stands for `kind: {<scalar>: x}`
  std::string sequence;  // `kind: [...]` stands for `kind: {<sequence>: [...]}`
  std::vector<std::string>
      positional;  // `kind: [x, y]` stands for `kind: {<first>: x, <second>: y}`

  static Shorthand scalar_is(std::string field) { return {std::move(field), {}, {}}; }
  static Shorthand sequence_is(std::string field) { return {{}, std::move(field), {}}; }
  static Shorthand positional_are(std::vector<std::string> fields) {
    return {{}, {}, std::move(fields)};
  }
};

struct StepKind {
  std::string name;
  std::string summary;
  std::vector<std::string>
      forms;  // how it is written: "`close: b`", "`send: {socket, frames, ...}`"
  std::vector<FieldDoc> fields;
  bool raw_peer = false;
  std::function<std::shared_ptr<Step>(const StepLoad&, const YAML::Node& body)> parse;
};

// The base of every step type: its kind's name, and the defaults of the optional parts.
template <typename S>
class StepOf : public Step {
 public:
  std::string_view kind() const override { return S::kName; }
  static Shorthand shorthand() { return {}; }
  static constexpr bool kRawPeer = false;
};

namespace step_kind_detail {

// The mapping a short form stands for; `body` itself when it is a mapping (or empty).
YAML::Node expand_shorthand(const StepLoad& load, const std::string& kind,
                            const Shorthand& shorthand, const std::vector<FieldDoc>& fields,
                            const YAML::Node& body);
std::vector<std::string> forms(const std::string& kind, const Shorthand& shorthand,
                               const std::vector<FieldDoc>& fields);

}  // namespace step_kind_detail

template <typename S>
StepKind make_step_kind() {
  StepKind kind;
  kind.name = S::kName;
  kind.summary = S::kSummary;
  kind.raw_peer = S::kRawPeer;
  const Fields<S> fields = S::fields();
  for (const auto& f : fields) kind.fields.push_back(f.doc);
  const Shorthand shorthand = S::shorthand();
  kind.forms = step_kind_detail::forms(kind.name, shorthand, kind.fields);
  kind.parse = [fields, shorthand, docs = kind.fields, name = kind.name](
                   const StepLoad& load, const YAML::Node& body) -> std::shared_ptr<Step> {
    auto step = std::make_shared<S>();
    const YAML::Node map = step_kind_detail::expand_shorthand(load, name, shorthand, docs, body);
    read_fields(load, map, fields, *step);
    if constexpr (requires { step->validate(load, map); }) step->validate(load, map);
    return step;
  };
  return kind;
}

}  // namespace zconform
