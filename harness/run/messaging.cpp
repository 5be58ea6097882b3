#include "run/messaging.hpp"

#include "protocol/base64.hpp"
#include "protocol/option_types.hpp"
#include "run/frame_matching.hpp"
#include "run/frame_text.hpp"
#include "run/link_probes.hpp"
#include "run/probes.hpp"

namespace zconform {

using protocol::Json;
using std::chrono::milliseconds;

Json option_value(const std::string& option, const Json& value) {
  if (protocol::is_binary_option(option) && value.is_string())
    return protocol::base64_encode(value.get<std::string>());
  return value;
}

Json resolved_option_value(const CaseContext& cx, const Json& value) {
  if (!value.is_object() || !value.contains("var")) return value;
  const std::string name = value["var"].get<std::string>();
  auto it = cx.variables.find(name);
  if (it == cx.variables.end())
    throw CaseStop{Verdict::error, "variable '" + name + "' set by an earlier step",
                   "no such variable"};
  return it->second;
}

void set_option(CaseContext& cx, SocketSlot& s, const std::string& option, const Json& value,
                const std::optional<std::string>& error) {
  Reply r = cx.call(s, "setsockopt", {{"option", option}, {"value", option_value(option, value)}});
  cx.expect_outcome(r, error, "setsockopt " + option + " on " + s.name);
  if (r.status == ReplyStatus::ok && option == "routing_id" && value.is_string()) {
    s.routing_id = value.get<std::string>();
    s.routing_id_learned = false;
  }
}

Reply send_frames(CaseContext& cx, SocketSlot& s, const Frames& frames, bool dontwait,
                  int timeout_ms, const MessageProperties& properties) {
  Json args = {{"frames", protocol::frames_to_json(frames)}, {"dontwait", dontwait}};
  args["timeout_ms"] = timeout_ms >= 0 ? timeout_ms : cx.remaining_ms();
  if (properties.routing_id) args["routing_id"] = *properties.routing_id;
  if (properties.group) args["group"] = *properties.group;
  return cx.call(s, "send", std::move(args));
}

Received parse_received(Reply reply) {
  Received got;
  got.reply = std::move(reply);
  if (got.reply.status != ReplyStatus::ok) return got;
  try {
    got.frames = protocol::frames_from_json(got.reply.body.value("frames", Json()), "frames");
  } catch (const protocol::ProtocolError& e) {
    throw CaseStop{Verdict::error, "a recv reply with frames",
                   std::string("protocol error: ") + e.what()};
  }
  const Json& body = got.reply.body;
  if (body.contains("routing_id")) {
    const Json& id = body["routing_id"];
    if (!id.is_number_unsigned() || id.get<uint64_t>() > UINT32_MAX)
      throw CaseStop{Verdict::error, "a recv reply's routing_id: a 32-bit unsigned integer",
                     id.dump()};
    got.properties.routing_id = id.get<uint32_t>();
  }
  if (body.contains("group")) {
    if (!body["group"].is_string())
      throw CaseStop{Verdict::error, "a recv reply's group: a string", body["group"].dump()};
    got.properties.group = body["group"].get<std::string>();
  }
  return got;
}

Received receive_raw(CaseContext& cx, SocketSlot& s, int timeout_ms, bool from_stash,
                     const std::vector<std::string>& metadata) {
  if (from_stash && !s.stash.empty()) {
    Received got;
    got.read_ahead = true;
    got.frames = std::move(s.stash.front());
    s.stash.pop_front();
    return got;
  }
  protocol::Json args{{"timeout_ms", timeout_ms}};
  if (!metadata.empty()) args["properties"] = metadata;
  Received got = parse_received(cx.call(s, "recv", std::move(args)));
  if (!metadata.empty() && got.ok())
    got.metadata = got.reply.body.value("properties", protocol::Json());
  return got;
}

namespace {

bool is_probe(const CaseContext& cx, const SocketSlot& s, const Frames& frames) {
  if (!cx.collecting && is_end_marker(frames)) return true;
  if (is_link_probe(frames)) return true;  // one dealt to this socket while linking another
  const SocketTypeTraits& t = cx.traits(s);
  if (t.subscriber != Subscription::none) return is_sync_probe(frames);
  if (t.publisher) return is_sync_subscription(frames);
  return false;
}

}  // namespace

Received receive(CaseContext& cx, SocketSlot& s, int timeout_ms,
                 const std::vector<std::string>& metadata) {
  // Probes left in flight by a sync are the harness's own traffic: skipped, within the same wait.
  auto until = Clock::now() + milliseconds(timeout_ms);
  while (true) {
    int left = static_cast<int>(std::max<long long>(
        0, std::chrono::duration_cast<milliseconds>(until - Clock::now()).count()));
    Received got = receive_raw(cx, s, left, true, metadata);
    if (!got.ok() || !is_probe(cx, s, got.frames)) return got;
    if (is_link_probe(got.frames) && cx.traits(s).alternates == Alternation::receive_first)
      answer_link_probe(cx, s, got.frames);  // dealt to this REP while another was linked
  }
}

void check_message(CaseContext& cx, const FrameSpecs& expected, const Frames& got, int n,
                   const std::string& wanted) {
  if (std::string diff = mismatch(cx, expected, got, n); !diff.empty())
    cx.fail(wanted, describe_frames(got) + " (" + diff + ")");
}

Received expect_message(CaseContext& cx, SocketSlot& s, const FrameSpecs& expected, int n,
                        const std::string& what, int timeout_ms,
                        const std::vector<std::string>& metadata) {
  const int timeout = timeout_ms >= 0 ? std::min(timeout_ms, cx.remaining_ms()) : cx.remaining_ms();
  Received got = receive(cx, s, timeout, metadata);
  const std::string wanted =
      describe(cx, expected, n) + " on " + s.name + (what.empty() ? "" : " (" + what + ")");
  if (!got.ok())
    cx.fail(wanted + " within " + std::to_string(timeout) + " ms", describe_reply(got.reply));
  check_message(cx, expected, got.frames, n, wanted);
  return got;
}

}  // namespace zconform
