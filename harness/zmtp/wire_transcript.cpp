#include "zmtp/wire_transcript.hpp"

#include "zmtp/describe.hpp"

namespace zconform::zmtp {

void WireTranscript::sent(std::string_view raw, std::string meaning) {
  entries_.push_back({Direction::to_iut, sent_, std::string(raw), std::move(meaning)});
  sent_ += raw.size();
}

void WireTranscript::received(std::string_view raw, std::string meaning) {
  entries_.push_back({Direction::from_iut, received_, std::string(raw), std::move(meaning)});
  received_ += raw.size();
}

void WireTranscript::note(std::string what) {
  entries_.push_back({Direction::note, 0, "", std::move(what)});
}

std::string WireTranscript::all_sent() const {
  std::string out;
  for (const auto& e : entries_) {
    if (e.direction == Direction::to_iut) out += e.raw;
  }
  return out;
}

std::string WireTranscript::all_received() const {
  std::string out;
  for (const auto& e : entries_) {
    if (e.direction == Direction::from_iut) out += e.raw;
  }
  return out;
}

std::vector<std::string> WireTranscript::lines(size_t max_hex) const {
  std::vector<std::string> out;
  for (const auto& e : entries_) {
    if (e.direction == Direction::note) {
      out.push_back("# " + e.meaning);
      continue;
    }
    std::string line = (e.direction == Direction::to_iut ? "> @" : "< @") +
                       std::to_string(e.offset) + " " + hex(e.raw, max_hex);
    line += "  " + e.meaning + " (" + std::to_string(e.raw.size()) + " octets)";
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace zconform::zmtp
