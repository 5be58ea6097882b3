#pragma once
// The harness's own traffic on publish-subscribe links. A subscriber is in sync with a publisher
// once a probe on a fresh topic gets through: every subscription it sent before that topic is then
// in force (one pipe, in order). Probes still in flight afterwards are skipped on receipt, so they
// never reach a scenario's expectations. No scenario frame starts with 0xFF "zconform-sync/".
#include <optional>
#include <string>

#include "protocol/messages.hpp"

namespace zconform {

inline const std::string kSyncPrefix = "\xFFzconform-sync/";

// The topic of sync round `round`: a prefix of no other round's topic.
inline std::string sync_topic(int round) { return kSyncPrefix + std::to_string(round) + "/"; }
// The group of sync round `round` for a DISH: groups are C strings, so no 0xFF; probe bodies on it
// still carry kSyncPrefix.
inline std::string sync_group(int round) { return "zconform-sync-" + std::to_string(round); }
// Probe `n` of a sync on a sync topic, or on a scenario's topic (then marked as the harness's all
// the same). The number lets a sync wait for its last probe, so that none is left in flight.
inline std::string probe_body(const std::string& topic, int n) {
  const std::string numbered = std::to_string(n) + "/probe";
  return topic.rfind(kSyncPrefix, 0) == 0 ? topic + numbered : topic + kSyncPrefix + numbered;
}
// How long a sync waits for its last probe once an earlier one got through. The last follows the
// earlier one on the same pipe, so it comes at once unless the publisher's high-water mark dropped
// it.
inline constexpr int kLastProbeWaitMs = 1000;
// The number of a probe of `topic` (as probe_body wrote it), or nullopt for anything else.
std::optional<int> probe_number(const std::string& topic, const std::string& body);

// The end markers of `collect` (steps/hwm/collect.cpp): round r, marker k is kEndPrefix + "r/k" in
// the message's last frame. Markers left in flight are skipped like probes.
inline const std::string kEndPrefix = "\xFFzconform-end/";
bool is_end_marker(const protocol::Frames& frames);

// A probe as a subscriber receives it: the sync prefix somewhere, "probe" at the end.
bool is_sync_probe(const protocol::Frames& frames);
// A probe subscription (0x01/0x00 + probe topic) as an XPUB's application receives it.
bool is_sync_subscription(const protocol::Frames& frames);

}  // namespace zconform
