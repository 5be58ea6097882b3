#include "run/subscriptions.hpp"

#include <algorithm>

#include "run/frame_text.hpp"
#include "run/link_probes.hpp"
#include "run/messaging.hpp"
#include "run/probes.hpp"

namespace zconform {

void subscription(CaseContext& cx, SocketSlot& s, const std::string& topic, bool subscribe) {
  switch (cx.traits(s).subscriber) {
    case Subscription::option:
      return set_option(cx, s, subscribe ? "subscribe" : "unsubscribe", topic);
    case Subscription::message: {
      Frames frames = {std::string(1, subscribe ? '\x01' : '\x00') + topic};
      return cx.expect_ok(send_frames(cx, s, frames),
                          "send of " + describe_frames(frames) + " on " + s.name);
    }
    case Subscription::group: {
      const char* op = subscribe ? "join" : "leave";
      return cx.expect_ok(cx.call(s, op, {{"group", topic}}),
                          std::string(op) + " \"" + topic + "\" on " + s.name);
    }
    case Subscription::none:
      throw CaseStop{Verdict::error, "a subscriber socket",
                     s.name + " is " + s.type + ", which does not subscribe"};
  }
}

// Each wait is bounded and doubles; the whole is bounded by the case deadline. With a given
// topic nothing is subscribed: one probe getting through proves that subscription is in force at
// the publisher (after a reconnection: that it was sent again, SUB-01). Probes sent after the one
// that got through are behind it on the same pipe: the sync receives them too, so that none is
// left to reach a later (possibly asynchronous) recv. One that never comes was dropped at the
// high-water mark; the wait for it is capped and the drop is an observation.
void sync(CaseContext& cx, SocketSlot& publisher, SocketSlot& subscriber,
          const std::optional<std::string>& given_topic) {
  if (!cx.traits(publisher).publisher || cx.traits(subscriber).subscriber == Subscription::none) {
    throw CaseStop{Verdict::error, "sync between a publisher and a subscriber",
                   publisher.type + " and " + subscriber.type};
  }
  // A DISH's topic is a group: a C string, so text without the sync prefix's 0xFF.
  const bool groups = cx.traits(subscriber).subscriber == Subscription::group;
  const std::string topic = given_topic ? *given_topic
                            : groups    ? sync_group(++cx.sync_rounds)
                                        : sync_topic(++cx.sync_rounds);
  MessageProperties in_group;
  if (groups) in_group.group = topic;
  if (!given_topic) {
    subscription(cx, subscriber, topic, true);
    subscriber.sync_topic = topic;
  }
  int wait_ms = 1;
  int probes = 0;
  bool in_force = false;
  while (true) {
    if (!in_force) {
      if (cx.remaining_ms() == 0) {
        cx.fail(subscriber.name + " receives a probe from " + publisher.name + " once subscribed",
                std::to_string(probes) + " probes sent, none received before the case deadline");
      }
      cx.expect_ok(send_frames(cx, publisher, {probe_body(topic, ++probes)}, false, -1, in_group),
                   "send of a sync probe on " + publisher.name);
    }
    const int wait = std::min(in_force ? kLastProbeWaitMs : wait_ms, cx.remaining_ms());
    Received got = receive_raw(cx, subscriber, wait, false);
    wait_ms = std::min(wait_ms * 2, 200);
    if (!got.ok()) {
      if (got.reply.status != ReplyStatus::error || got.reply.error != "EAGAIN")
        cx.fail("recv on " + subscriber.name + " returns a probe or EAGAIN",
                describe_reply(got.reply));
      if (in_force) {
        cx.observe("sync_probes_dropped_" + subscriber.name, true);
        break;
      }
      stop_on_failed_handshake(cx, publisher, subscriber);
      continue;
    }
    if (got.frames.size() == 1) {
      if (auto n = probe_number(topic, got.frames[0])) {
        in_force = true;
        if (*n == probes) break;
        continue;
      }
    }
    if (!is_sync_probe(got.frames))
      subscriber.stash.push_back(std::move(got.frames));  // the scenario's, kept for it
  }
  cx.observe("sync_probes_" + subscriber.name, probes);
}

void pubsub_after_link(CaseContext& cx, SocketSlot& x, SocketSlot& y) {
  SocketSlot* publisher = cx.traits(x).publisher ? &x : cx.traits(y).publisher ? &y : nullptr;
  SocketSlot* subscriber = cx.traits(x).subscriber != Subscription::none   ? &x
                           : cx.traits(y).subscriber != Subscription::none ? &y
                                                                           : nullptr;
  if (!publisher || !subscriber || cx.scenario().refused) return;
  // A DISH has no group that is every message: it joins its groups in the scenario's steps.
  if (cx.scenario().subscribe_all && cx.traits(*subscriber).subscriber != Subscription::group)
    subscription(cx, *subscriber, "", true);
  sync(cx, *publisher, *subscriber);
}

}  // namespace zconform
