#include "steps/message/message_metadata.hpp"

namespace zconform::steps {

MetadataSpecs read_metadata(const StepLoad& load, const YAML::Node& node) {
  if (!node.IsMap() || node.size() == 0)
    load.fail(node, "'properties' maps metadata names to the values expected");
  MetadataSpecs specs;
  for (const auto& e : node) {
    MetadataExpectation m;
    m.name = e.first.Scalar();
    if (m.name.empty()) load.fail(e.first, "a property needs a name");
    const YAML::Node& v = e.second;
    if (v.IsNull()) {
      m.kind = MetadataExpectation::Kind::absent;
    } else if (v.IsScalar()) {
      m.text = v.Scalar();
    } else if (v.IsMap() && v["any"]) {
      load.reader.only_keys(v, {"any"});
      if (!load.reader.boolean(v["any"], "'any'")) load.fail(v, "write {any: true}");
      m.kind = MetadataExpectation::Kind::any;
    } else if (v.IsMap() && v["type_of"]) {
      load.reader.only_keys(v, {"type_of"});
      m.kind = MetadataExpectation::Kind::type_of;
      m.text = load.socket(v["type_of"]);
    } else {
      load.fail(v, "a property's value: text, null (absent), {any: true} or {type_of: socket}");
    }
    specs.push_back(std::move(m));
  }
  return specs;
}

std::vector<std::string> metadata_names(const MetadataSpecs& specs) {
  std::vector<std::string> names;
  for (const auto& m : specs) names.push_back(m.name);
  return names;
}

namespace {

std::string describe_expected(const CaseContext& cx, const MetadataExpectation& m) {
  switch (m.kind) {
    case MetadataExpectation::Kind::absent: return m.name + " absent";
    case MetadataExpectation::Kind::any: return m.name + " present";
    case MetadataExpectation::Kind::type_of: return m.name + "=" + cx.spec.socket_type(m.text);
    case MetadataExpectation::Kind::value: break;
  }
  return m.name + "=" + m.text;
}

}  // namespace

void check_metadata(CaseContext& cx, const SocketSlot& receiver, const MetadataSpecs& expected,
                    const Received& got, const std::string& what) {
  if (expected.empty()) return;
  if (got.read_ahead) {
    throw CaseStop{Verdict::error, "the metadata of " + what,
                   "the message was read ahead by the harness (a probe's wait), without it"};
  }
  if (!got.metadata.is_object()) {
    const AgentHello& hello = receiver.agent->hello();
    throw CaseStop{Verdict::unsupported, "message metadata (zmq_msg_gets)",
                   hello.name + " " + hello.version +
                       ": its agent's recv answers without `properties` (it reads no metadata)"};
  }
  std::string wanted, seen;
  bool differs = false;
  protocol::Json observed = protocol::Json::object();
  for (const auto& m : expected) {
    const protocol::Json value = got.metadata.value(m.name, protocol::Json());
    observed[m.name] = value;
    const bool present = value.is_string();
    bool ok = false;
    switch (m.kind) {
      case MetadataExpectation::Kind::absent: ok = !present; break;
      case MetadataExpectation::Kind::any: ok = present; break;
      case MetadataExpectation::Kind::type_of:
        ok = present && value.get<std::string>() == cx.spec.socket_type(m.text);
        break;
      case MetadataExpectation::Kind::value:
        ok = present && value.get<std::string>() == m.text;
        break;
    }
    differs = differs || !ok;
    wanted += (wanted.empty() ? "" : ", ") + describe_expected(cx, m);
    seen += (seen.empty() ? "" : ", ") + m.name +
            (present ? "=\"" + value.get<std::string>() + "\"" : " absent");
  }
  cx.observe("metadata", observed);
  if (differs) cx.fail(what + " with " + wanted, seen);
}

}  // namespace zconform::steps
