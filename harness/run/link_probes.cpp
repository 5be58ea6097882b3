#include "run/link_probes.hpp"

#include <algorithm>
#include <optional>

#include "run/frame_matching.hpp"
#include "run/frame_text.hpp"
#include "run/messaging.hpp"
#include "run/probes.hpp"

namespace zconform {

bool is_link_probe(const protocol::Frames& frames) {
  return !frames.empty() && frames.back().rfind(kLinkPrefix, 0) == 0;
}

void answer_link_probe(CaseContext& cx, SocketSlot& s, const protocol::Frames& probe) {
  // The echo keeps the envelope the receiver saw (a ROUTER's routing id), so it goes back.
  cx.expect_ok(send_frames(cx, s, probe), "send of the link probe's reply on " + s.name);
}

void stop_on_failed_handshake(CaseContext& cx, const SocketSlot& from, const SocketSlot& to) {
  for (const SocketSlot* s : {&from, &to}) {
    std::string failed;
    auto seen = [&](const std::vector<MonitorEvent>& events) {
      for (const auto& e : events)
        if (e.socket == s->created_handle && e.name.rfind("HANDSHAKE_FAILED", 0) == 0)
          failed = e.name;
      return !failed.empty();
    };
    // Reads what the agent has written meanwhile (events come between replies), without waiting.
    s->agent->wait_for_events(seen, Clock::now());
    if (!failed.empty()) {
      cx.fail("the link between " + from.name + " and " + to.name + " carries a probe",
              s->agent->hello().name + " reports " + failed + " on " + s->name +
                  " (see monitor_events)");
    }
  }
}

namespace {

struct Direction {
  SocketSlot* from = nullptr;
  SocketSlot* to = nullptr;
  bool precise = false;     // the probe can reach `to` and nothing else
  bool round_trip = false;  // a REQ or REP in it must see the reply before anything else
};

// Whether a probe can go from `from` to `to`, and how surely it reaches `to` alone.
std::optional<Direction> consider(const CaseContext& cx, SocketSlot& from, SocketSlot& to) {
  const SocketTypeTraits& f = cx.traits(from);
  const SocketTypeTraits& t = cx.traits(to);
  if (!f.sends || !t.receives) return std::nullopt;
  if (f.alternates == Alternation::receive_first || t.alternates == Alternation::send_first)
    return std::nullopt;                                // a REP does not ask, a REQ not answer
  if (f.routes && !to.routing_id) return std::nullopt;  // a ROUTER needs the peer's id
  if (f.addressed) return std::nullopt;  // a SERVER's ids are its own: learned only from messages
  // A RADIO's message goes to a group: the sync after the link (subscriptions.cpp) probes it.
  if (t.subscriber == Subscription::group) return std::nullopt;
  Direction d{&from, &to, f.routes || from.links == 1, false};
  d.round_trip =
      f.alternates == Alternation::send_first || t.alternates == Alternation::receive_first;
  // A REQ whose probe went to another peer could not send again before that peer answers. (A REP
  // that got a DEALER's probe answers it on receipt: messaging.cpp.)
  if (!d.precise && f.alternates == Alternation::send_first) return std::nullopt;
  return d;
}

// Preferred: a probe that reaches only `to` and does not depend on routing ids (what many cases
// test: a ROUTER that mangles them should fail there, not at the link); then one from a ROUTER;
// then one dealt among the sender's peers.
std::optional<Direction> choose(const CaseContext& cx, SocketSlot& binder, SocketSlot& connector) {
  auto up = consider(cx, connector, binder);
  auto down = consider(cx, binder, connector);
  for (bool routed : {false, true})
    for (const auto& d : {up, down})
      if (d && d->precise && cx.traits(*d->from).routes == routed) return d;
  return up ? up : down;
}

std::string probe_body(int round, int n) {
  return kLinkPrefix + std::to_string(round) + "/" + std::to_string(n);
}

// The number of this round's probe in `frames`, if it is one.
std::optional<int> probe_number(int round, const protocol::Frames& frames) {
  if (frames.empty()) return std::nullopt;
  return number_between(frames.back(), kLinkPrefix + std::to_string(round) + "/", "");
}

Frames probe_frames(CaseContext& cx, const Direction& d, int round, int n) {
  Frames frames = resolve(cx, envelope_send(cx, *d.from, *d.to));
  frames.push_back(probe_body(round, n));
  return frames;
}

[[noreturn]] void no_probe(CaseContext& cx, const Direction& d, int sent) {
  cx.fail(d.to->name + " receives a link probe from " + d.from->name,
          std::to_string(sent) + " sent, none received before the case deadline");
}

// One probe where it can only reach `to`: the sender queues it until its pipe is attached. A REQ
// or REP in the link then has the reply, so that it is back in its first state.
void probe_once(CaseContext& cx, const Direction& d, int round) {
  int wait_ms = 1;
  while (true) {  // the send waits for a pipe; in slices, to see a failed handshake meanwhile
    Reply r = send_frames(cx, *d.from, probe_frames(cx, d, round, 1), false,
                          std::min(wait_ms, cx.remaining_ms()));
    wait_ms = std::min(wait_ms * 2, 200);
    if (r.status == ReplyStatus::ok) break;
    if (r.status != ReplyStatus::error || r.error != "EAGAIN" || cx.remaining_ms() == 0)
      cx.fail("send of a link probe on " + d.from->name + " succeeds", describe_reply(r));
    stop_on_failed_handshake(cx, *d.from, *d.to);
  }
  ++d.from->link_probes_sent;
  wait_ms = 1;
  while (true) {
    Received got = receive_raw(cx, *d.to, std::min(wait_ms, cx.remaining_ms()), false);
    wait_ms = std::min(wait_ms * 2, 200);
    if (!got.ok()) {
      if (got.reply.status != ReplyStatus::error || got.reply.error != "EAGAIN")
        cx.fail("recv on " + d.to->name + " returns a link probe or EAGAIN",
                describe_reply(got.reply));
      stop_on_failed_handshake(cx, *d.from, *d.to);
      if (cx.remaining_ms() == 0) no_probe(cx, d, 1);
      continue;
    }
    if (probe_number(round, got.frames)) {
      if (!d.round_trip) return;
      answer_link_probe(cx, *d.to, got.frames);
      Received back = receive_raw(cx, *d.from, cx.remaining_ms(), false);
      if (!back.ok() || !probe_number(round, back.frames))
        cx.fail(d.from->name + " receives the reply to its link probe", describe_reply(back.reply));
      return;
    }
    if (!is_link_probe(got.frames)) d.to->stash.push_back(std::move(got.frames));
  }
}

// Probes until one arrives, where a probe may be dropped (a ROUTER before it knows the peer) or
// dealt to another peer (a PUSH or DEALER with several). Once one is through, a ROUTER's later
// probes are behind it on the same pipe: read too, so that none is left in flight.
int probe_repeatedly(CaseContext& cx, const Direction& d, int round) {
  int sent = 0;
  int wait_ms = 1;
  bool through = false;
  while (true) {
    if (!through) {
      if (cx.remaining_ms() == 0) no_probe(cx, d, sent);
      Reply r = send_frames(cx, *d.from, probe_frames(cx, d, round, sent + 1), true, 0);
      if (r.status == ReplyStatus::ok) {
        ++sent;
        ++d.from->link_probes_sent;
      } else if (r.error != "EAGAIN" && r.error != "EHOSTUNREACH")
        cx.fail("send of a link probe on " + d.from->name, describe_reply(r));
    }
    const int wait = std::min(through ? kLastProbeWaitMs : wait_ms, cx.remaining_ms());
    Received got = receive_raw(cx, *d.to, wait, false);
    wait_ms = std::min(wait_ms * 2, 200);
    if (!got.ok()) {
      if (got.reply.status != ReplyStatus::error || got.reply.error != "EAGAIN")
        cx.fail("recv on " + d.to->name + " returns a link probe or EAGAIN",
                describe_reply(got.reply));
      if (through) return sent;  // the rest went elsewhere or were dropped
      stop_on_failed_handshake(cx, *d.from, *d.to);
      continue;
    }
    if (auto n = probe_number(round, got.frames)) {
      if (d.round_trip) answer_link_probe(cx, *d.to, got.frames);
      if (!d.precise || *n == sent) return sent;
      through = true;
      continue;
    }
    if (!is_link_probe(got.frames)) d.to->stash.push_back(std::move(got.frames));
  }
}

}  // namespace

bool needs_link_probe(const CaseContext& cx, const SocketSlot& binder,
                      const SocketSlot& connector) {
  // inproc: connect makes the pipes itself; the binder's arrives as a command settle() processes.
  if (cx.spec.transport == "inproc") return false;
  return cx.spec.transport == "ws" || !binder.agent->hello().reports("HANDSHAKE_SUCCEEDED") ||
         !connector.agent->hello().reports("HANDSHAKE_SUCCEEDED");
}

void probe_link(CaseContext& cx, SocketSlot& binder, SocketSlot& connector,
                bool after_reconnection) {
  const PairingInfo* info = cx.settings.pairings->valid(cx.spec.pairing);
  if (!info || info->pattern == "publish-subscribe" || cx.scenario().refused) return;
  const std::string key = "link_probe_" + binder.name + "_" + connector.name;
  auto d = choose(cx, binder, connector);
  if (!d) {
    cx.observe(key, "none: no probe can cross from " + binder.type + " to " + connector.type +
                        " or back without reaching another peer");
    return;
  }
  const int round = ++cx.link_rounds;
  // After a reconnection the sender may still hold the old connection's pipe, and a probe dealt
  // to it is lost: one probe is then not enough (a bound DEALER lost it so in CI).
  const bool once = d->precise && !cx.traits(*d->from).routes && !after_reconnection;
  int sent = 1;
  if (once)
    probe_once(cx, *d, round);
  else
    sent = probe_repeatedly(cx, *d, round);
  cx.observe(key, d->from->name + " -> " + d->to->name + ": " + std::to_string(sent) + " probe(s)" +
                      (d->precise ? "" : ", dealt among its peers"));
}

}  // namespace zconform
