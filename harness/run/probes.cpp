#include "run/probes.hpp"

namespace zconform {

bool is_sync_probe(const protocol::Frames& frames) {
  if (frames.empty()) return false;
  const std::string& first = frames.front();
  return first.find(kSyncPrefix) != std::string::npos && first.size() >= 5 &&
         first.compare(first.size() - 5, 5, "probe") == 0;
}

std::optional<int> probe_number(const std::string& topic, const std::string& body) {
  const std::string head = topic.rfind(kSyncPrefix, 0) == 0 ? topic : topic + kSyncPrefix;
  const std::string tail = "/probe";
  if (body.size() <= head.size() + tail.size() || body.compare(0, head.size(), head) != 0 ||
      body.compare(body.size() - tail.size(), tail.size(), tail) != 0)
    return std::nullopt;
  const std::string digits = body.substr(head.size(), body.size() - head.size() - tail.size());
  if (digits.empty() || digits.size() > 9 ||
      digits.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoi(digits);
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
