#pragma once
// What the CURVE handshake steps (curve_client, curve_server) share: key fields in Z85 text, the
// table of named misbehaviours a step documents in its field table, and the reads and metadata
// both sides need.
#include "steps/wire/wire_fields.hpp"
#include "zmtp/command.hpp"
#include "zmtp/curve/keys.hpp"

namespace zconform::steps {

// A named misbehaviour: its name in a scenario, its value, and the sentence the step reference
// gives it ("X causes ...").
template <typename E>
struct Misbehaviour {
  const char* name;
  E value;
  const char* effect;
};

// `misbehave: <name>`, the table's names as the field's type and their effects as its meaning.
template <typename S, typename E>
Field<S> misbehave_field(E S::*member, const std::vector<Misbehaviour<E>>& table) {
  std::vector<std::pair<std::string, E>> names;
  std::string doc;
  for (const auto& m : table) {
    names.emplace_back(m.name, m.value);
    doc += std::string(doc.empty() ? "" : "; ") + "`" + m.name + "`: " + m.effect;
  }
  return field::choice("misbehave", member, names, doc);
}

// A CURVE key: 40 Z85 characters as a quoted string, or 32 octets as {hex: ...}.
template <typename S>
Field<S> key_field(const char* name, zmtp::curve::Key S::*member, std::string doc,
                   std::string_view default_text) {
  return field::custom<S>(name, "Z85 key (40 characters) | {hex: 32 octets}", std::move(doc),
                          [member, name](const StepLoad& load, const YAML::Node& node, S& s) {
                            auto key = zmtp::curve::key_from_text(load.reader.bytes(node));
                            if (!key) {
                              load.fail(node, std::string("'") + name +
                                                  "' is a CURVE key: 40 Z85 characters or 32 "
                                                  "octets");
                            }
                            s.*member = *key;
                          })
      .defaults("\"" + std::string(default_text) + "\"");
}

// `expect_message_framing: command | plain`: how the implementation's MESSAGE frames must be
// flagged (unset: not checked).
template <typename S>
Field<S> expect_framing_field(std::optional<bool> S::*member) {
  return field::custom<S>(
             "expect_message_framing", "command | plain",
             "the implementation's MESSAGE frames carry the COMMAND flag (command, as RFC 23 asks "
             "of message data on an encrypted connection) or none (plain)",
             [member](const StepLoad& load, const YAML::Node& node, S& s) {
               s.*member = load.reader.choice<bool>(node, "'expect_message_framing'",
                                                    {{"command", true}, {"plain", false}});
             })
      .defaults("not checked");
}

// The greeting before a CURVE handshake: exchanged, and the implementation's names CURVE.
void require_curve_greeting(CaseContext& cx, WirePeer& wire);

// The implementation's next handshake command, which must be `name` (an ERROR, a message frame or
// another command fails the check, naming what came).
std::string read_curve_command(CaseContext& cx, const WireCheck& check, const std::string& name,
                               const std::string& wanted);

// Metadata: the properties given, else Socket-Type of the raw peer's type.
std::string curve_metadata(const CaseContext& cx,
                           const std::optional<std::vector<PropertySpec>>& properties);
// Metadata far beyond any fixed buffer: the usual properties and an X-Huge of 64 KiB.
std::string huge_metadata(const CaseContext& cx);
// Metadata that makes a command of `command_overhead` + metadata octets exactly `total` octets
// long: the usual properties and an X-Large property padding it out.
std::string metadata_sized(const CaseContext& cx, size_t command_overhead, size_t total);

// Writes one CURVE handshake command; a connection closed first fails the case.
void write_curve_command(CaseContext& cx, WirePeer& wire, const std::string& body,
                         const std::string& what);

}  // namespace zconform::steps
