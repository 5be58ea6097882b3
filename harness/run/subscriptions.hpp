#pragma once
// Publish-subscribe set-up: subscriptions the way each subscriber type makes them (pairings.yaml),
// and the sync that makes slow joiners deterministic (probes.hpp) instead of sleeping.
#include <string>

#include "run/case_context.hpp"

namespace zconform {

// ZMQ_SUBSCRIBE/UNSUBSCRIBE on SUB, a 0x01/0x00+topic message on XSUB (XSUB-01).
void subscription(CaseContext& cx, SocketSlot& s, const std::string& topic, bool subscribe);
// Probes on a fresh topic (subscribed first), or on `topic` when given (subscribed earlier), until
// one gets through: the subscriptions sent before are in force at the publisher.
void sync(CaseContext& cx, SocketSlot& publisher, SocketSlot& subscriber,
          const std::optional<std::string>& topic = std::nullopt);
// After a link: the subscriber subscribes to everything (unless `subscribe: none`) and syncs.
void pubsub_after_link(CaseContext& cx, SocketSlot& x, SocketSlot& y);

}  // namespace zconform
