// The shared half of the CURVE handshake steps (steps/wire/curve_fields.hpp).
#include <algorithm>
#include <cctype>

#include "steps/wire/curve_fields.hpp"
#include "zmtp/curve/commands.hpp"
#include "zmtp/describe.hpp"

namespace zconform::steps {

void require_curve_greeting(CaseContext& cx, WirePeer& wire) {
  require_zmtp3_peer(cx, wire);
  if (!wire.greeting_done()) {
    cx.fail("a greeting exchanged before the CURVE handshake (greet: {mechanism: CURVE, ...})",
            wire.greeted().stopped.empty() ? "no full greeting" : wire.greeted().stopped);
  }
  if (auto peer = wire.peer_greeting(); peer && peer->mechanism != "CURVE")
    cx.fail("the implementation greets with mechanism CURVE", "'" + peer->mechanism + "'");
}

std::string read_curve_command(CaseContext& cx, const WireCheck& check, const std::string& name,
                               const std::string& wanted) {
  zmtp::DecodedFrame frame = wire_next(cx, check, wanted);
  std::string error;
  auto command = frame.command ? zmtp::parse_command_body(frame.body, error) : std::nullopt;
  if (!command) wire_fail(cx, check, wanted, zmtp::describe_frame(frame));
  if (command->name == "ERROR") {
    auto reason = zmtp::parse_error(*command, error);
    wire_fail(cx, check, wanted,
              "ERROR " + (reason ? zmtp::describe_bytes(*reason) : "(malformed: " + error + ")"));
  }
  if (command->name != name) wire_fail(cx, check, wanted, "COMMAND " + command->name);
  if (frame.more || frame.reserved_bits) {
    wire_fail(cx, check, wanted + ", without MORE or reserved bits (FRAME-01, FRAME-04)",
              zmtp::describe_frame(frame));
  }
  std::string key = "iut_" + name + "_size";
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  cx.observe(key, frame.body.size());
  return frame.body;
}

std::string curve_metadata(const CaseContext& cx,
                           const std::optional<std::vector<PropertySpec>>& properties) {
  std::vector<zmtp::Property> props;
  if (properties) {
    for (const auto& [name, value] : *properties) props.push_back({name, value});
  } else {
    props.push_back({"Socket-Type", cx.spec.type_of(Role::b)});
  }
  return zmtp::encode_properties(props);
}

std::string huge_metadata(const CaseContext& cx) {
  return curve_metadata(cx, std::nullopt) +
         zmtp::encode_properties({{"X-Huge", std::string(64 * 1024, 'h')}});
}

std::string metadata_sized(const CaseContext& cx, size_t command_overhead, size_t total) {
  const std::string usual = curve_metadata(cx, std::nullopt);
  const size_t property_overhead = 1 + std::string("X-Large").size() + 4;
  const size_t fixed = command_overhead + usual.size() + property_overhead;
  const size_t value = total > fixed ? total - fixed : 0;
  return usual + zmtp::encode_properties({{"X-Large", std::string(value, 'l')}});
}

void write_curve_command(CaseContext& cx, WirePeer& wire, const std::string& body,
                         const std::string& what) {
  zmtp::Frame frame{zmtp::kCommand, body};
  if (!wire.write(frame, -1, cx.steps_deadline))
    wire_fail(cx, {}, "the raw peer writes " + what,
              "the implementation closed the connection first");
}

}  // namespace zconform::steps
