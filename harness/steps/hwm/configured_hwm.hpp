#pragma once
// The high-water marks a socket reports (getsockopt SNDHWM, RCVHWM), for the report's counts.
#include "run/case_context.hpp"
#include "run/frame_text.hpp"

namespace zconform::steps {

inline protocol::Json configured_hwm(CaseContext& cx, SocketSlot& s) {
  protocol::Json out = {{"socket", s.name}, {"type", s.type}};
  for (const char* option : {"sndhwm", "rcvhwm"}) {
    Reply r = cx.call(s, "getsockopt", {{"option", option}});
    out[option] = r.status == ReplyStatus::ok ? r.body.value("value", protocol::Json()) : protocol::Json(describe_reply(r));
  }
  return out;
}

}  // namespace zconform::steps
