#pragma once
// Messages as people read them in a report: printable frames quoted, binary or long frames as a
// size and a hex prefix; and the first place where two messages differ.
#include <optional>
#include <string>
#include <string_view>

#include "protocol/messages.hpp"

namespace zconform {

std::string describe_frames(const protocol::Frames& frames);
// Empty when equal; else e.g. "frame 2 of 3 differs at byte 300" or "3 frames expected, 2
// received".
std::string first_difference(const protocol::Frames& expected, const protocol::Frames& actual);

// "ok", "EAGAIN (Resource temporarily unavailable)", "unsupported: why".
std::string describe_reply(const protocol::Reply& reply);

// A scenario frame with "{n}" in it, for message number n of a repeated transfer (n < 0: as is).
std::string substitute_number(const std::string& bytes, int n);
// The reverse: the number a received frame carries where `pattern` has "{n}", if it has the
// pattern's shape (prefix, digits, suffix).
std::optional<int> number_in(const std::string& pattern, const std::string& frame);
// The number between a known prefix and suffix of `frame`, if that is all that stands there.
std::optional<int> number_between(const std::string& frame, std::string_view prefix,
                                  std::string_view suffix);

}  // namespace zconform
