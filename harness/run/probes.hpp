#pragma once
// The harness's own traffic on publish-subscribe links. A subscriber is in sync with a publisher
// once a probe on a fresh topic gets through: every subscription it sent before that topic is then
// in force (one pipe, in order). Probes still in flight afterwards are skipped on receipt, so they
// never reach a scenario's expectations. No scenario frame starts with 0xFF "zconform-sync/".
#include <string>

#include "protocol/messages.hpp"

namespace zconform {

inline const std::string kSyncPrefix = "\xFFzconform-sync/";

// The topic of sync round `round`: a prefix of no other round's topic.
inline std::string sync_topic(int round) { return kSyncPrefix + std::to_string(round) + "/"; }
// A probe on a sync topic, or on a scenario's topic (then marked as the harness's all the same).
inline std::string probe_body(const std::string& topic) {
  return topic.rfind(kSyncPrefix, 0) == 0 ? topic + "probe" : topic + kSyncPrefix + "probe";
}

// The end markers of `collect` (steps/hwm/collect.cpp): round r, marker k is kEndPrefix + "r/k" in
// the message's last frame. Markers left in flight are skipped like probes.
inline const std::string kEndPrefix = "\xFFzconform-end/";
bool is_end_marker(const protocol::Frames& frames);

// A probe as a subscriber receives it: the sync prefix somewhere, "probe" at the end.
bool is_sync_probe(const protocol::Frames& frames);
// A probe subscription (0x01/0x00 + probe topic) as an XPUB's application receives it.
bool is_sync_subscription(const protocol::Frames& frames);

}  // namespace zconform
