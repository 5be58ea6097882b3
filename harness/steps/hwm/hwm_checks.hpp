#pragma once
// What flood and collect share: the high-water marks a socket reports (for the report's counts),
// and the bounds a count must keep.
#include "run/case_context.hpp"
#include "run/frame_text.hpp"

namespace zconform::steps {

inline protocol::Json configured_hwm(CaseContext& cx, SocketSlot& s) {
  protocol::Json out = {{"socket", s.name}, {"type", s.type}};
  for (const char* option : {"sndhwm", "rcvhwm"}) {
    Reply r = cx.call(s, "getsockopt", {{"option", option}});
    out[option] = r.status == ReplyStatus::ok ? r.body.value("value", protocol::Json())
                                              : protocol::Json(describe_reply(r));
  }
  return out;
}

// Fails unless at_least <= count and, where at_most >= 0, count <= at_most. `counted` says what
// was counted ("delivered"); `why_at_most` explains the upper bound.
inline void check_bounds(const CaseContext& cx, const std::string& what, int count, int at_least,
                         int at_most, const std::string& counted,
                         const std::string& why_at_most = "") {
  if (count < at_least)
    cx.fail(what + ": at least " + std::to_string(at_least) + " " + counted, std::to_string(count));
  if (at_most >= 0 && count > at_most) {
    cx.fail(what + ": at most " + std::to_string(at_most) + " " + counted + why_at_most,
            std::to_string(count));
  }
}

}  // namespace zconform::steps
