#include "scenario/frame_syntax.hpp"

#include <climits>
#include <regex>

namespace zconform {
namespace {

FrameSpec read_frame(const StepLoad& load, const YAML::Node& node) {
  const YamlReader& r = load.reader;
  if (node.IsScalar()) return FrameSpec::literal(node.Scalar());
  if (!node.IsMap())
    r.fail(node, "a frame is a string or a mapping ({hex: ...}, {size: N}, {id: socket}, ...)");
  r.only_keys(node, {"hex", "size", "fill", "id", "var", "capture", "any", "prefix_hex"});
  if (node["prefix_hex"] && !node["capture"] && !node["any"])
    r.fail(node["prefix_hex"], "'prefix_hex' goes with {capture: name} or {any: true}");
  if (node["hex"]) return FrameSpec::literal(r.hex(node["hex"]));
  if (node["id"]) return FrameSpec::named(FrameSpec::Kind::routing_id, load.socket(node["id"]));
  if (node["var"]) return FrameSpec::named(FrameSpec::Kind::variable, r.text(node["var"], "'var'"));
  int size = -1;
  if ((node["capture"] || node["any"]) && node["size"])
    size = r.integer32(node["size"], "frame size", 0, 64 << 20);
  if (node["capture"] || node["any"]) {
    FrameSpec f = node["capture"] ? FrameSpec::named(FrameSpec::Kind::capture,
                                                     r.text(node["capture"], "'capture'"), size)
                                  : FrameSpec::named(FrameSpec::Kind::any, "", size);
    if (node["prefix_hex"]) f.prefix = r.hex(node["prefix_hex"]);
    if (size >= 0 && f.prefix.size() > static_cast<size_t>(size))
      r.fail(node["prefix_hex"], "'prefix_hex' is longer than the frame's size");
    return f;
  }
  if (node["size"]) return FrameSpec::literal(r.generated(node));
  r.fail(node,
         "a frame is a string, {hex: ...}, {size: N, fill: ...}, {id: socket}, {var: name}, "
         "{capture: name} or {any: true}");
}

}  // namespace

FrameSpecs read_frames(const StepLoad& load, const YAML::Node& node) {
  const YamlReader& r = load.reader;
  if (!node.IsSequence()) r.fail(node, "frames must be a list");
  FrameSpecs frames;
  for (const auto& f : node) {
    // {parts: N} stands for N frames "part-0" ... "part-N-1": long messages without long files.
    if (f.IsMap() && f["parts"]) {
      r.only_keys(f, {"parts"});
      const int parts = r.integer32(f["parts"], "'parts'", 1, 100000);
      for (int i = 0; i < parts; ++i)
        frames.push_back(FrameSpec::literal("part-" + std::to_string(i)));
      continue;
    }
    frames.push_back(read_frame(load, f));
  }
  return frames;
}

bool is_numbered(const FrameSpecs& frames) {
  for (const auto& f : frames) {
    if (f.kind == FrameSpec::Kind::literal && f.bytes.find("{n}") != std::string::npos) return true;
  }
  return false;
}

protocol::Json read_option_value(const YamlReader& reader, const YAML::Node& node) {
  if (node.IsMap() && node["hex"]) return reader.hex(node["hex"]);
  // A value learned by an earlier step (a key curve_keypair made), resolved when the step plays.
  if (node.IsMap() && node["var"])
    return protocol::Json{{"var", reader.text(node["var"], "'var'")}};
  if (!node.IsScalar())
    reader.fail(node,
                "option value must be a number, true/false, a string, {hex: ...} or {var: name}");
  const std::string& text = node.Scalar();
  if (node.Tag() == "!") return text;  // quoted in the file: a string whatever it looks like
  if (text == "true" || text == "false") return text == "true";
  static const std::regex integer(R"(-?[0-9]+)");
  if (std::regex_match(text, integer))
    return reader.integer(node, "an option value", LLONG_MIN, LLONG_MAX);
  return text;
}

EndpointSpec read_endpoint(const StepLoad& load, const YAML::Node& node) {
  if (node.IsMap() && node["of"]) {
    load.reader.only_keys(node, {"of", "source"});
    EndpointSpec spec{EndpointSpec::Kind::of_socket, load.socket(node["of"])};
    if (node["source"]) spec.source = load.reader.text(node["source"], "'source'");
    return spec;
  }
  if (!node.IsScalar())
    load.fail(node, "an endpoint is 'auto', {of: socket} or a literal endpoint string");
  if (node.Scalar() == "auto") return {};
  return {EndpointSpec::Kind::literal, node.Scalar()};
}

}  // namespace zconform
