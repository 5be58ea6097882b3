#pragma once
// What crossed the wire between the raw peer and the implementation, both directions, in order:
// each entry the exact octets with their stream offset and what they mean (a greeting part, a
// frame decoded by describe.hpp, the peer closing). This is the "wire transcript" of a case's
// report.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zconform::zmtp {

enum class Direction { to_iut, from_iut, note };

struct WireEntry {
  Direction direction;
  uint64_t offset = 0;  // of the first octet within its direction's stream
  std::string raw;      // the octets
  std::string
      meaning;  // "greeting signature", "COMMAND READY Socket-Type=PULL", "peer closed", ...
};

class WireTranscript {
 public:
  void sent(std::string_view raw, std::string meaning);
  void received(std::string_view raw, std::string meaning);
  void note(std::string what);
  // A new connection: offsets count from 0 again in both directions.
  void restart_offsets() { sent_ = received_ = 0; }

  const std::vector<WireEntry>& entries() const { return entries_; }
  std::string all_sent() const;      // the to_iut stream as one string
  std::string all_received() const;  // the from_iut stream as one string

  // One line per entry, for reports: "> @0 ff00000000000000007f  greeting signature (10 octets)".
  // Octets beyond `max_hex` per entry are elided with their count.
  std::vector<std::string> lines(size_t max_hex = 64) const;

 private:
  std::vector<WireEntry> entries_;
  uint64_t sent_ = 0;
  uint64_t received_ = 0;
};

}  // namespace zconform::zmtp
