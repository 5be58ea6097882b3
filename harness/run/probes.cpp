#include "run/probes.hpp"

#include "run/frame_text.hpp"

namespace zconform {

bool is_sync_probe(const protocol::Frames& frames) {
  if (frames.empty()) return false;
  const std::string& first = frames.front();
  return first.find(kSyncPrefix) != std::string::npos && first.size() >= 5 &&
         first.compare(first.size() - 5, 5, "probe") == 0;
}

std::optional<int> probe_number(const std::string& topic, const std::string& body) {
  return number_between(body, topic.rfind(kSyncPrefix, 0) == 0 ? topic : topic + kSyncPrefix,
                        "/probe");
}

bool is_sync_subscription(const protocol::Frames& frames) {
  if (frames.size() != 1 || frames[0].empty()) return false;
  const std::string& f = frames[0];
  return (f[0] == '\x00' || f[0] == '\x01') && f.compare(1, kSyncPrefix.size(), kSyncPrefix) == 0;
}

bool is_end_marker(const protocol::Frames& frames) {
  return !frames.empty() && frames.back().find(kEndPrefix) != std::string::npos;
}

}  // namespace zconform
