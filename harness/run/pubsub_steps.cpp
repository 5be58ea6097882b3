// Publish-subscribe set-up: subscriptions the way each subscriber type makes them (pairings.yaml),
// and the sync that makes slow joiners deterministic (probes.hpp) instead of sleeping.
#include <algorithm>

#include "run/case_play.hpp"
#include "run/frame_text.hpp"
#include "run/probes.hpp"

namespace zconform {

using protocol::Json;

void CasePlay::subscription(SocketSlot& s, const std::string& topic, bool subscribe) {
  switch (traits(s).subscriber) {
    case Subscription::option:
      return set_option(s, subscribe ? "subscribe" : "unsubscribe", topic);
    case Subscription::message: {
      // XSUB-01: the application sends 0x01+topic / 0x00+topic.
      Frames frames = {std::string(1, subscribe ? '\x01' : '\x00') + topic};
      return expect_ok(send_frames(s, frames), "send of " + describe_frames(frames) + " on " + s.name);
    }
    case Subscription::none:
      throw CaseStop{Verdict::error, "a subscriber socket", s.name + " is " + s.type + ", which does not subscribe"};
  }
}

// Subscribes `subscriber` to a fresh probe topic and has `publisher` send probes until one gets
// through. Each wait is bounded and doubles; the whole is bounded by the case deadline.
// With `given_topic`, nothing is subscribed: the probes go on a topic the subscriber subscribed
// to before, so one getting through proves that subscription is in force at the publisher (after
// a reconnection: that it was sent again, SUB-01).
void CasePlay::sync(SocketSlot& publisher, SocketSlot& subscriber, const std::string& given_topic) {
  if (!traits(publisher).publisher || traits(subscriber).subscriber == Subscription::none) {
    throw CaseStop{Verdict::error, "sync between a publisher and a subscriber", publisher.type + " and " + subscriber.type};
  }
  const std::string topic = given_topic.empty() ? sync_topic(++sync_rounds_) : given_topic;
  if (given_topic.empty()) {
    subscription(subscriber, topic, true);
    subscriber.sync_topic = topic;
  }
  int wait_ms = 1;
  int probes = 0;
  while (true) {
    if (remaining_ms() == 0) {
      fail(subscriber.name + " receives a probe from " + publisher.name + " once subscribed",
           std::to_string(probes) + " probes sent, none received before the case deadline");
    }
    expect_ok(send_frames(publisher, {probe_body(topic)}), "send of a sync probe on " + publisher.name);
    ++probes;
    Received got = receive_raw(subscriber, std::min(wait_ms, remaining_ms()), false);
    wait_ms = std::min(wait_ms * 2, 200);
    if (!got.ok()) {
      if (got.reply.status == ReplyStatus::error && got.reply.error == "EAGAIN") continue;
      fail("recv on " + subscriber.name + " returns a probe or EAGAIN", describe_reply(got.reply));
    }
    if (got.frames.size() == 1 && got.frames[0] == probe_body(topic)) break;
    if (!is_sync_probe(got.frames)) subscriber.stash.push_back(std::move(got.frames));  // the scenario's, kept for it
  }
  observe("sync_probes_" + subscriber.name, probes);
}

void CasePlay::pubsub_after_link(SocketSlot& x, SocketSlot& y) {
  SocketSlot* publisher = traits(x).publisher ? &x : traits(y).publisher ? &y : nullptr;
  SocketSlot* subscriber = traits(x).subscriber != Subscription::none ? &x
                           : traits(y).subscriber != Subscription::none ? &y : nullptr;
  if (!publisher || !subscriber || spec_.scenario->refused) return;
  if (spec_.scenario->subscribe_all) subscription(*subscriber, "", true);
  sync(*publisher, *subscriber);
}

}  // namespace zconform
