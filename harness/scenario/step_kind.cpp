#include "scenario/step_kind.hpp"

namespace zconform::step_kind_detail {
namespace {

std::string field_list(const std::vector<FieldDoc>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ", ") + f.name;
  return out;
}

std::string positional_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return "[" + out + "]";
}

}  // namespace

YAML::Node expand_shorthand(const StepLoad& load, const std::string& kind,
                            const Shorthand& shorthand, const std::vector<FieldDoc>& fields,
                            const YAML::Node& body) {
  if (!body || body.IsNull()) return YAML::Node(YAML::NodeType::Map);
  if (body.IsMap()) return body;
  // (A fresh map whose entries refer to the body's nodes, which keep their lines.)
  YAML::Node map(YAML::NodeType::Map);
  if (body.IsScalar() && !shorthand.scalar.empty()) {
    map[shorthand.scalar] = body;
    return map;
  }
  if (body.IsSequence() && !shorthand.sequence.empty()) {
    map[shorthand.sequence] = body;
    return map;
  }
  if (body.IsSequence() && !shorthand.positional.empty()) {
    if (body.size() != shorthand.positional.size()) {
      load.fail(body, "'" + kind + "' takes " + positional_list(shorthand.positional));
    }
    for (size_t i = 0; i < body.size(); ++i) map[shorthand.positional[i]] = body[i];
    return map;
  }
  std::string forms;
  for (const auto& form : step_kind_detail::forms(kind, shorthand, fields))
    forms += (forms.empty() ? "" : " or ") + form;
  load.fail(body, "'" + kind + "' is written " + forms);
}

std::vector<std::string> forms(const std::string& kind, const Shorthand& shorthand,
                               const std::vector<FieldDoc>& fields) {
  std::vector<std::string> out;
  if (!shorthand.scalar.empty()) out.push_back(kind + ": <" + shorthand.scalar + ">");
  if (!shorthand.sequence.empty()) out.push_back(kind + ": [<" + shorthand.sequence + ">...]");
  if (!shorthand.positional.empty())
    out.push_back(kind + ": " + positional_list(shorthand.positional));
  out.push_back(kind + ": {" + field_list(fields) + "}");
  return out;
}

}  // namespace zconform::step_kind_detail
