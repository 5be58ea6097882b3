#include "run/frame_text.hpp"

#include <algorithm>
#include <charconv>
#include <string_view>

namespace zconform {
namespace {

constexpr size_t kQuoteLimit = 64;
constexpr size_t kHexPrefix = 16;

std::string describe_frame(const std::string& frame) {
  bool printable = std::all_of(frame.begin(), frame.end(),
                               [](char c) { return c >= 0x20 && c < 0x7F && c != '"'; });
  if (printable && frame.size() <= kQuoteLimit) return "\"" + frame + "\"";
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "<" + std::to_string(frame.size()) + " bytes: ";
  for (size_t i = 0; i < frame.size() && i < kHexPrefix; ++i) {
    unsigned char c = static_cast<unsigned char>(frame[i]);
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  if (frame.size() > kHexPrefix) out += "...";
  return out + ">";
}

}  // namespace

std::string describe_frames(const protocol::Frames& frames) {
  std::string out = "[";
  for (size_t i = 0; i < frames.size(); ++i) {
    if (i == 8 && frames.size() > 10) {
      out += ", ... " + std::to_string(frames.size() - 9) + " more frames ..., " +
             describe_frame(frames.back());
      break;
    }
    out += (i ? ", " : "") + describe_frame(frames[i]);
  }
  return out + "]";
}

std::string first_difference(const protocol::Frames& expected, const protocol::Frames& actual) {
  if (expected.size() != actual.size()) {
    return std::to_string(expected.size()) + " frames expected, " + std::to_string(actual.size()) +
           " received";
  }
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& e = expected[i];
    const auto& a = actual[i];
    if (e == a) continue;
    std::string where = "frame " + std::to_string(i + 1) + " of " + std::to_string(expected.size());
    if (e.size() != a.size()) {
      return where + " has " + std::to_string(a.size()) + " bytes, " + std::to_string(e.size()) +
             " expected";
    }
    auto at = std::mismatch(e.begin(), e.end(), a.begin()).first - e.begin();
    return where + " differs at byte " + std::to_string(at);
  }
  return "";
}

}  // namespace zconform

namespace zconform {

std::string describe_reply(const protocol::Reply& reply) {
  switch (reply.status) {
    case protocol::ReplyStatus::ok: return "ok";
    case protocol::ReplyStatus::error:
      return reply.error + (reply.message.empty() ? "" : " (" + reply.message + ")");
    case protocol::ReplyStatus::unsupported: return "unsupported: " + reply.reason;
  }
  return "?";
}

std::string substitute_number(const std::string& bytes, int n) {
  if (n < 0) return bytes;
  std::string out = bytes;
  for (size_t at = out.find("{n}"); at != std::string::npos; at = out.find("{n}", at)) {
    std::string number = std::to_string(n);
    out.replace(at, 3, number);
    at += number.size();
  }
  return out;
}

std::optional<int> number_between(const std::string& frame, std::string_view prefix,
                                  std::string_view suffix) {
  if (frame.size() <= prefix.size() + suffix.size() ||
      frame.compare(0, prefix.size(), prefix) != 0 ||
      frame.compare(frame.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return std::nullopt;
  }
  int n = -1;
  const char* first = frame.data() + prefix.size();
  const char* last = frame.data() + frame.size() - suffix.size();
  auto [end, ec] = std::from_chars(first, last, n);
  if (ec != std::errc() || end != last) return std::nullopt;
  return n;
}

std::optional<int> number_in(const std::string& pattern, const std::string& frame) {
  const size_t at = pattern.find("{n}");
  if (at == std::string::npos) return std::nullopt;
  return number_between(frame, std::string_view(pattern.data(), at),
                        std::string_view(pattern.data() + at + 3, pattern.size() - at - 3));
}

}  // namespace zconform
