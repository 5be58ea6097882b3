// The raw peer's steps in wire scenarios (`peer: raw`): the implementation's socket `a` is driven
// through its agent as in any case, while the harness itself speaks ZMTP on the other end of the
// connection (run/wire_peer.hpp). Checks name the clause's words; outcomes map to verdicts as the
// scenario says (scenario/wire_step.hpp).
#include "run/case_play.hpp"
#include "run/frame_text.hpp"
#include "run/probes.hpp"
#include "run/wire_peer.hpp"
#include "zmtp/command.hpp"
#include "zmtp/describe.hpp"

namespace zconform {

using protocol::Json;
using std::chrono::milliseconds;

namespace {

const std::string kPingContext = "zconform-probe";

std::string describe_expect(const WireFrameExpect& e) {
  std::string text = e.command ? "COMMAND " + *e.command : "message frame";
  if (e.body) text += (e.command ? " data=" : " body=") + zmtp::describe_bytes(*e.body);
  if (e.size >= 0) text += " of " + std::to_string(e.size) + " octets";
  if (e.more) text += *e.more ? " with MORE" : " without MORE";
  if (e.long_size) text += *e.long_size ? ", 8-octet size" : ", 1-octet size";
  return text;
}

// The index of a list's last message frame (commands stand alone): MORE belongs on the message
// frames before it.
template <typename Frames>
size_t last_message_index(const Frames& frames) {
  size_t last = 0;
  for (size_t i = 0; i < frames.size(); ++i) {
    if (!frames[i].command) last = i;
  }
  return last;
}

}  // namespace

Verdict CasePlay::verdict_of(OutcomeVerdict v) const {
  switch (v) {
    case OutcomeVerdict::pass: return Verdict::pass;
    case OutcomeVerdict::fail: return Verdict::fail;
    case OutcomeVerdict::non_strict: return settings_.strict ? Verdict::fail : Verdict::non_strict;
    case OutcomeVerdict::informational: return Verdict::informational;
  }
  return Verdict::fail;
}

void CasePlay::wire_fail(const WireStep& w, const std::string& expected, const std::string& actual) {
  throw CaseStop{w.otherwise ? verdict_of(*w.otherwise) : failure_verdict(), expected, actual};
}

Clock::time_point CasePlay::wire_deadline(int within_ms) const {
  if (within_ms < 0) return steps_deadline_;
  return std::min(steps_deadline_, Clock::now() + milliseconds(within_ms));
}

void CasePlay::open_wire() {
  SocketSlot& iut = slot("a");
  const std::string raw_type = spec_.type_of(Role::b);
  const auto ipc_path = settings_.ipc_dir / (std::to_string(number_) + "-raw.ipc");
  wire_ = std::make_unique<WirePeer>(spec_.transport, raw_type, ipc_path);
  try {
    if (spec_.binder == Role::a) {
      Reply r = call(iut, "bind", {{"endpoint", endpoint_for(iut)}});
      expect_ok(r, "bind of " + iut.name);
      iut.endpoint = r.body.value("endpoint", "");
      wire_->connect(iut.endpoint, steps_deadline_);
      wire_->transcript().note("the raw peer (" + raw_type + ") connected to " + iut.endpoint);
      return;
    }
    const std::string endpoint = wire_->listen();
    expect_ok(call(iut, "connect", {{"endpoint", endpoint}}), "connect of " + iut.name + " to " + endpoint);
    if (!wire_->accept(steps_deadline_)) {
      fail(iut.name + " connects to the raw peer at " + endpoint, "no connection before the case deadline");
    }
    wire_->transcript().note("the implementation connected to the raw peer (" + raw_type + ") at " + endpoint);
  } catch (const zmtp::RawError& e) {
    throw CaseStop{Verdict::error, "the raw peer's connection", e.what()};
  }
}

zmtp::Frame CasePlay::wire_frame(const WireFrameSpec& f, bool more_by_default) const {
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

// READY from the ready/handshake steps: the properties given, else Socket-Type of the raw peer's
// type; `data` (trailing octets) after them.
zmtp::Frame CasePlay::wire_ready(const WireFrameSpec& f) const {
  std::vector<zmtp::Property> props;
  if (f.properties) {
    for (const auto& [name, value] : *f.properties) props.push_back({name, value});
  } else {
    props.push_back({"Socket-Type", spec_.type_of(Role::b)});
  }
  WireFrameSpec full = f;
  full.body = zmtp::encode_command_body({"READY", zmtp::encode_properties(props) + f.body});
  return wire_frame(full, false);
}

// The implementation's next frame, with probes left over from a wire_sync skipped.
zmtp::DecodedFrame CasePlay::wire_next(const WireStep& w, const std::string& wanted) {
  const bool publisher = traits(slot("a")).publisher;
  const auto deadline = wire_deadline(w.within_ms);
  while (true) {
    zmtp::DecodedFrame frame;
    std::string why;
    switch (wire_->read(frame, why, deadline)) {
      case WirePeer::Read::frame:
        if (publisher && !frame.command && frame.body.rfind(kSyncPrefix, 0) == 0) continue;
        return frame;
      case WirePeer::Read::garbage: throw CaseStop{failure_verdict(), wanted, "undecodable octets: " + why};
      case WirePeer::Read::closed:
      case WirePeer::Read::timeout: wire_fail(w, wanted, why);
    }
  }
}

void CasePlay::play_wire(const Step& step) {
  const WireStep& w = step.wire;
  // The connection is made at the first wire step, so `set` steps before it configure the
  // implementation's socket before its bind or connect (HWM, HANDSHAKE_IVL, PLAIN credentials).
  if (!wire_) open_wire();
  switch (step.kind) {
    case StepKind::greet: {
      result_.step += " greet";
      const auto& g = wire_->greet(w.greeting, steps_deadline_);
      observe("greeting_octets_received", g.peer_octets.size());
      return;
    }
    case StepKind::expect_greeting: result_.step += " expect_greeting"; return wire_expect_greeting(w);
    case StepKind::ready:
      result_.step += " ready";
      if (!wire_->write(wire_ready(w.frames.front()), w.frames.front().truncate, steps_deadline_)) {
        wire_fail(w, "the raw peer writes READY", "the implementation closed the connection first");
      }
      return;
    case StepKind::expect_ready: result_.step += " expect_ready"; return wire_expect_ready(w);
    case StepKind::handshake: result_.step += " handshake"; return wire_handshake(w);
    case StepKind::write: {
      result_.step += " write";
      const size_t last_message_frame = last_message_index(w.frames);
      for (size_t i = 0; i < w.frames.size(); ++i) {
        const WireFrameSpec& f = w.frames[i];
        if (!wire_->write(wire_frame(f, !f.command && i < last_message_frame), f.truncate, steps_deadline_)) {
          wire_fail(w, "the raw peer writes frame " + std::to_string(i + 1) + " of " + std::to_string(w.frames.size()),
                    "the implementation closed the connection first");
        }
      }
      return;
    }
    case StepKind::read: result_.step += " read"; return wire_read(w);
    case StepKind::outcome: result_.step += " outcome"; return wire_outcome(w);
    case StepKind::hangup: result_.step += " hangup"; return wire_->hangup(w.half_close);
    case StepKind::reconnect:
      result_.step += " reconnect";
      try {
        if (!wire_->reconnect(steps_deadline_)) fail("the implementation connects to the raw peer again", "no new connection before the case deadline");
      } catch (const zmtp::RawError& e) {
        fail("the raw peer connects again", e.what());
      }
      return;
    case StepKind::wire_sync: result_.step += " wire_sync"; return wire_sync();
    default: throw CaseStop{Verdict::error, "a raw peer's step", "step kind not handled by the raw peer"};
  }
}

void CasePlay::wire_expect_greeting(const WireStep& w) {
  const GreetingCheck& c = w.greeting_check;
  const auto& g = wire_->greeted();
  if (c.whole && g.unprompted < zmtp::kGreetingSize) {
    wire_fail(w, "all 64 greeting octets sent before the raw peer's greeting (GREET-03)",
              std::to_string(g.unprompted) + " octets, then it waited for the raw peer");
  }
  auto peer = wire_->peer_greeting();
  if (!peer) wire_fail(w, "a 64-octet ZMTP 3.x greeting", g.stopped.empty() ? "no full greeting" : g.stopped);
  observe("iut_greeting", zmtp::describe_greeting(*peer));
  if (c.signature && (peer->signature_first != 0xFF || peer->signature_last != 0x7F)) {
    wire_fail(w, "signature 0xFF ... 0x7F (GREET-01)", "octet 0 = " + std::to_string(peer->signature_first) + ", octet 9 = " + std::to_string(peer->signature_last));
  }
  if (c.major && peer->major != *c.major) wire_fail(w, "major version " + std::to_string(*c.major), std::to_string(peer->major));
  if (c.min_minor && peer->minor < *c.min_minor) wire_fail(w, "minor version >= " + std::to_string(*c.min_minor), std::to_string(peer->minor));
  if (c.mechanism && peer->mechanism != *c.mechanism) wire_fail(w, "mechanism " + *c.mechanism, "'" + peer->mechanism + "'");
  if (c.as_server && peer->as_server != *c.as_server) wire_fail(w, "as-server " + std::to_string(*c.as_server), std::to_string(peer->as_server));
  if (c.zero_filler && peer->filler != std::string(zmtp::kFillerSize, '\0')) wire_fail(w, "31 zero filler octets (GREET-01)", zmtp::hex(peer->filler));
}

void CasePlay::wire_expect_ready(const WireStep& w) {
  zmtp::DecodedFrame frame = wire_next(w, "the implementation's READY");
  std::string error;
  auto command = frame.command ? zmtp::parse_command_body(frame.body, error) : std::nullopt;
  if (!command) wire_fail(w, "a READY command", frame.command ? "a malformed command: " + error : "a message frame: " + zmtp::describe_frame(frame));
  if (command->name != "READY") wire_fail(w, "a READY command", zmtp::describe_frame(frame));
  if (frame.more || frame.reserved_bits) wire_fail(w, "a command frame without MORE or reserved bits (FRAME-01, FRAME-04)", zmtp::describe_frame(frame));
  auto props = zmtp::parse_ready(*command, error);
  if (!props) wire_fail(w, "READY properties well formed (NULL-01)", error);
  Json seen = Json::object();
  for (const auto& p : *props) {
    seen[p.name] = zmtp::describe_bytes(p.value);
    if (!zmtp::is_valid_property_name(p.name)) wire_fail(w, "property names of 1-255 [A-Za-z0-9-_.+] (NULL-01)", "'" + p.name + "'");
  }
  observe("iut_ready", seen);
  for (const auto& [name, value] : w.ready_check) {
    const zmtp::Property* p = zmtp::find_property_exact(*props, name);
    const std::string want = value == "$TYPE" ? spec_.type_of(Role::a) : value.value_or("");
    if (!value && p) wire_fail(w, "no " + name + " property", name + "=" + zmtp::describe_bytes(p->value));
    if (value && !p) wire_fail(w, name + "=" + zmtp::describe_bytes(want), "no " + name + " property");
    if (value && *value != "*" && p->value != want) wire_fail(w, name + "=" + zmtp::describe_bytes(want), name + "=" + zmtp::describe_bytes(p->value));
  }
}

void CasePlay::wire_handshake(const WireStep& w) {
  const auto& g = wire_->greet(w.greeting, steps_deadline_);
  auto peer = wire_->peer_greeting();
  if (!peer) fail("a ZMTP 3.x greeting from the implementation", g.stopped.empty() ? "no full greeting" : g.stopped);
  if (!wire_->write(wire_ready(w.frames.front()), -1, steps_deadline_)) fail("the raw peer writes READY", "the implementation closed the connection");
  WireStep ready_only;
  wire_expect_ready(ready_only);
}

void CasePlay::wire_read(const WireStep& w) {
  const size_t last_message_frame = last_message_index(w.expect);
  for (size_t i = 0; i < w.expect.size(); ++i) {
    const WireFrameExpect& e = w.expect[i];
    const std::string wanted = describe_expect(e) + " (frame " + std::to_string(i + 1) + " of " + std::to_string(w.expect.size()) + ")";
    zmtp::DecodedFrame f = wire_next(w, wanted);
    const std::string got = zmtp::describe_frame(f);
    if (f.reserved_bits) wire_fail(w, wanted + ", reserved flag bits zero (FRAME-01)", got);
    if (f.command != e.command.has_value()) wire_fail(w, wanted, got);
    std::string body = f.body;
    if (e.command) {
      std::string error;
      auto c = zmtp::parse_command_body(f.body, error);
      if (!c || c->name != *e.command) wire_fail(w, wanted, got);
      body = c->data;
    }
    if (e.body && body != *e.body) wire_fail(w, wanted, got);
    if (e.size >= 0 && body.size() != static_cast<size_t>(e.size)) wire_fail(w, wanted, got);
    const bool more = e.more.value_or(!e.command && i < last_message_frame);
    if (f.more != more) wire_fail(w, wanted + (more ? " (MORE: more frames of the message follow)" : " (no MORE: the last frame)"), got);
    if (e.long_size && f.is_long != *e.long_size) wire_fail(w, wanted, got);
  }
}

// Error, close, alive, open or downgrade: what the implementation made of what it was sent. A PING
// probe turns "it kept the connection" into an event (its PONG) instead of a silence to wait out.
void CasePlay::wire_outcome(const WireStep& w) {
  const OutcomeSpec& o = w.outcome;
  const auto started = Clock::now();
  const auto deadline = wire_deadline(o.within_ms);
  std::string outcome;
  std::string detail;
  std::vector<zmtp::DecodedFrame> kept;
  if (o.accept.count("downgrade") && wire_->greeted().downgraded && !wire_->closed()) {
    outcome = "downgrade";
    detail = "it answered in ZMTP " + std::to_string(wire_->protocol_major()) + ".0";
  }
  // The probe waits for the implementation's READY: a PING before it would be a misbehaviour of ours.
  bool ping_due = outcome.empty() && o.ping_probe && !wire_->closed() && wire_->protocol_major() == 3;
  while (outcome.empty()) {
    if (ping_due && wire_->peer_ready_seen()) {
      ping_due = false;
      wire_->write(zmtp::ping(0, kPingContext), -1, deadline);
    }
    zmtp::DecodedFrame f;
    std::string why;
    WirePeer::Read r = wire_->read(f, why, deadline);
    if (r == WirePeer::Read::closed) {
      outcome = "close";
      detail = why;
      break;
    }
    if (r == WirePeer::Read::timeout) {
      outcome = "open";
      detail = "neither closed nor answered within " + std::to_string(o.within_ms) + " ms";
      break;
    }
    if (r == WirePeer::Read::garbage) {
      outcome = "garbage";
      detail = why;
      break;
    }
    std::string error;
    auto c = f.command ? zmtp::parse_command_body(f.body, error) : std::nullopt;
    if (c && c->name == "ERROR") {
      auto reason = zmtp::parse_error(*c, error);
      outcome = "error";
      detail = "ERROR " + (reason ? zmtp::describe_bytes(*reason) : "(malformed: " + error + ")");
    } else if (c && c->name == "PONG" && c->data == kPingContext) {
      outcome = "alive";
      detail = "PONG to the probe";
    } else {
      kept.push_back(std::move(f));
    }
  }
  for (auto& f : kept) wire_->push_back(std::move(f));
  const auto after = std::chrono::duration_cast<milliseconds>(Clock::now() - started).count();
  observe("outcome", {{"outcome", outcome}, {"after_ms", after}, {"detail", detail}});

  std::string accepted;
  for (const auto& [name, v] : o.accept) {
    accepted += (accepted.empty() ? "" : ", ") + name + " (" + std::string(to_string(verdict_of(v))) + ")";
  }
  const std::string expected = "one of: " + accepted;
  const std::string actual = outcome + ": " + detail + " after " + std::to_string(after) + " ms";
  if ((outcome == "close" || outcome == "error") && o.not_before_ms >= 0 && after < o.not_before_ms) {
    fail(expected + ", not before " + std::to_string(o.not_before_ms) + " ms", actual);
  }
  auto it = o.accept.find(outcome);
  if (it == o.accept.end()) fail(expected, actual);
  Verdict v = verdict_of(it->second);
  // Nothing more can happen on a closed connection: an accepted close or error ends the case.
  if (v != Verdict::pass || outcome == "close" || outcome == "error") throw CaseStop{v, expected, actual};
}

// The raw subscriber subscribes to a fresh probe topic (a command to a 3.1 publisher, a message
// to 3.0, SUB31-01) and the implementation's publisher sends probes until one arrives.
void CasePlay::wire_sync() {
  SocketSlot& publisher = slot("a");
  if (!traits(publisher).publisher) throw CaseStop{Verdict::error, "wire_sync with a publisher", publisher.type};
  const std::string topic = sync_topic(++sync_rounds_);
  auto peer = wire_->peer_greeting();
  const bool as_command = peer && peer->minor >= 1;
  if (!wire_->write(as_command ? zmtp::subscribe(topic) : zmtp::subscription_message(topic, true), -1, steps_deadline_)) {
    fail("the raw peer subscribes", "the implementation closed the connection");
  }
  std::vector<zmtp::DecodedFrame> kept;
  int wait_ms = 1;
  int probes = 0;
  while (true) {
    if (remaining_ms() == 0) fail("a probe reaches the raw subscriber", std::to_string(probes) + " sent, none arrived before the deadline");
    expect_ok(send_frames(publisher, {probe_body(topic)}), "send of a sync probe on " + publisher.name);
    ++probes;
    zmtp::DecodedFrame f;
    std::string why;
    WirePeer::Read r = wire_->read(f, why, wire_deadline(wait_ms));
    wait_ms = std::min(wait_ms * 2, 200);
    if (r == WirePeer::Read::timeout) continue;
    if (r != WirePeer::Read::frame) fail("a probe reaches the raw subscriber", why);
    if (!f.command && f.body == probe_body(topic)) break;
    if (f.command || f.body.rfind(kSyncPrefix, 0) != 0) kept.push_back(std::move(f));
  }
  for (auto& f : kept) wire_->push_back(std::move(f));
  observe("sync_probes", probes);
}

}  // namespace zconform
