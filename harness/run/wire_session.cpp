#include "run/wire_session.hpp"

#include "run/linking.hpp"
#include "run/probes.hpp"
#include "zmtp/command.hpp"
#include "zmtp/describe.hpp"

namespace zconform {

using protocol::Json;
using std::chrono::milliseconds;

namespace {

void open_wire(CaseContext& cx) {
  SocketSlot& iut = cx.slot("a");
  const std::string raw_type = cx.spec.type_of(Role::b);
  const auto ipc_path = cx.settings.ipc_dir / (std::to_string(cx.number) + "-raw.ipc");
  cx.wire = std::make_unique<WirePeer>(cx.spec.transport, raw_type, ipc_path);
  try {
    if (cx.spec.binder == Role::a) {
      Reply r = cx.call(iut, "bind", {{"endpoint", endpoint_for(cx, iut)}});
      cx.expect_ok(r, "bind of " + iut.name);
      iut.endpoint = r.body.value("endpoint", "");
      cx.wire->connect(iut.endpoint, cx.steps_deadline);
      cx.wire->transcript().note("the raw peer (" + raw_type + ") connected to " + iut.endpoint);
      return;
    }
    const std::string endpoint = cx.wire->listen();
    cx.expect_ok(cx.call(iut, "connect", {{"endpoint", endpoint}}),
                 "connect of " + iut.name + " to " + endpoint);
    if (!cx.wire->accept(cx.steps_deadline)) {
      cx.fail(iut.name + " connects to the raw peer at " + endpoint,
              "no connection before the case deadline");
    }
    cx.wire->transcript().note("the implementation connected to the raw peer (" + raw_type +
                               ") at " + endpoint);
  } catch (const zmtp::RawError& e) {
    throw CaseStop{Verdict::error, "the raw peer's connection", e.what()};
  }
}

}  // namespace

WirePeer& wire_peer(CaseContext& cx) {
  if (!cx.wire) open_wire(cx);
  return *cx.wire;
}

void require_zmtp3_peer(const CaseContext& cx, const WirePeer& wire) {
  const AgentHello& hello = cx.sockets.at("a").agent->hello();  // the raw peer faces socket a
  if (!wire.greeted().no_zws_null.empty()) {
    throw CaseStop{Verdict::unsupported, "ZWS2.0/NULL over ws",
                   hello.name + " " + hello.version + " has no NULL mechanism over ws (" +
                       wire.greeted().no_zws_null +
                       "; RFC 45 makes only ZWS2.0, with no mechanism, mandatory): the wire "
                       "scenarios speak ZWS2.0/NULL"};
  }
  auto revision = wire.peer_legacy_revision();
  if (!revision) return;
  throw CaseStop{Verdict::unsupported, "a ZMTP 3.x peer",
                 hello.name + " " + hello.version + " answered a ZMTP 3.x greeting with revision " +
                     std::to_string(*revision) + " (ZMTP " + (*revision == 1 ? "2.0" : "1.0") +
                     "): it speaks no ZMTP 3.x, which this wire scenario tests"};
}

void require_zws_form(const WirePeer& wire, const std::string& what) {
  if (!wire.ws() || what.empty()) return;
  throw CaseStop{Verdict::unsupported, "a form of this step in ZWS 2.0",
                 what +
                     ": ZWS 2.0 (RFC 45) has no ZMTP greeting and no ZMTP frame header, so "
                     "this ZMTP scenario has no ws form"};
}

Verdict verdict_of(const CaseContext& cx, OutcomeVerdict v) {
  switch (v) {
    case OutcomeVerdict::pass: return Verdict::pass;
    case OutcomeVerdict::fail: return Verdict::fail;
    case OutcomeVerdict::non_strict:
      return cx.settings.strict ? Verdict::fail : Verdict::non_strict;
    case OutcomeVerdict::informational: return Verdict::informational;
  }
  return Verdict::fail;
}

void wire_fail(const CaseContext& cx, const WireCheck& check, const std::string& expected,
               const std::string& actual) {
  throw CaseStop{check.otherwise ? verdict_of(cx, *check.otherwise) : cx.failure_verdict(),
                 expected, actual};
}

Clock::time_point wire_deadline(const CaseContext& cx, int within_ms) {
  if (within_ms < 0) return cx.steps_deadline;
  // An outcome's window is an upper bound: a slow machine (--timeout-scale) widens it.
  return std::min(cx.steps_deadline, Clock::now() + cx.settings.scaled(milliseconds(within_ms)));
}

zmtp::Frame wire_frame(const WireFrameSpec& f, bool more_by_default) {
  zmtp::Frame frame;
  frame.body = f.body;
  if (f.more.value_or(more_by_default)) frame.flags |= zmtp::kMore;
  if (f.command && !f.as_message) frame.flags |= zmtp::kCommand;
  frame.flags |= f.reserved;
  frame.force_long = f.force_long;
  frame.size_override = f.declared_size;
  frame.raw_flags = f.raw_flags;
  return frame;
}

zmtp::Frame wire_ready(const CaseContext& cx, const WireFrameSpec& f) {
  std::vector<zmtp::Property> props;
  if (f.properties) {
    for (const auto& [name, value] : *f.properties) props.push_back({name, value});
  } else {
    props.push_back({"Socket-Type", cx.spec.type_of(Role::b)});
  }
  WireFrameSpec full = f;
  full.body = zmtp::encode_command_body({"READY", zmtp::encode_properties(props) + f.body});
  return wire_frame(full, false);
}

zmtp::DecodedFrame wire_next(CaseContext& cx, const WireCheck& check, const std::string& wanted) {
  const bool publisher = cx.traits(cx.slot("a")).publisher;
  const auto deadline = wire_deadline(cx, check.within_ms);
  while (true) {
    zmtp::DecodedFrame frame;
    std::string why;
    switch (wire_peer(cx).read(frame, why, deadline)) {
      case WirePeer::Read::frame:
        if (publisher && !frame.command && frame.body.rfind(kSyncPrefix, 0) == 0) continue;
        return frame;
      case WirePeer::Read::garbage:
        throw CaseStop{cx.failure_verdict(), wanted, "unreadable: " + why};
      case WirePeer::Read::closed:
      case WirePeer::Read::timeout: wire_fail(cx, check, wanted, why);
    }
  }
}

void wire_expect_ready(CaseContext& cx, const WireCheck& check, const ReadyCheck& expected) {
  zmtp::DecodedFrame frame = wire_next(cx, check, "the implementation's READY");
  std::string error;
  auto command = frame.command ? zmtp::parse_command_body(frame.body, error) : std::nullopt;
  if (!command) {
    wire_fail(cx, check, "a READY command",
              frame.command ? "a malformed command: " + error
                            : "a message frame: " + zmtp::describe_frame(frame));
  }
  if (command->name != "READY")
    wire_fail(cx, check, "a READY command", zmtp::describe_frame(frame));
  if (frame.more || frame.reserved_bits) {
    wire_fail(cx, check, "a command frame without MORE or reserved bits (FRAME-01, FRAME-04)",
              zmtp::describe_frame(frame));
  }
  auto props = zmtp::parse_ready(*command, error);
  if (!props) wire_fail(cx, check, "READY properties well formed (NULL-01)", error);
  wire_check_properties(cx, check, *props, expected, "iut_ready");
}

void wire_check_properties(CaseContext& cx, const WireCheck& check,
                           const std::vector<zmtp::Property>& props, const ReadyCheck& expected,
                           const std::string& observed_as) {
  Json seen = Json::object();
  for (const auto& p : props) {
    seen[p.name] = zmtp::describe_bytes(p.value);
    if (!zmtp::is_valid_property_name(p.name))
      wire_fail(cx, check, "property names of 1-255 [A-Za-z0-9-_.+] (NULL-01)", "'" + p.name + "'");
  }
  cx.observe(observed_as, seen);
  for (const auto& [name, value] : expected) {
    const zmtp::Property* p = zmtp::find_property_exact(props, name);
    const std::string want = value == "$TYPE" ? cx.spec.type_of(Role::a) : value.value_or("");
    if (!value && p)
      wire_fail(cx, check, "no " + name + " property", name + "=" + zmtp::describe_bytes(p->value));
    if (value && !p)
      wire_fail(cx, check, name + "=" + zmtp::describe_bytes(want), "no " + name + " property");
    if (value && *value != "*" && p->value != want) {
      wire_fail(cx, check, name + "=" + zmtp::describe_bytes(want),
                name + "=" + zmtp::describe_bytes(p->value));
    }
  }
}

}  // namespace zconform
