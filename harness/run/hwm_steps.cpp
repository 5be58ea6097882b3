// High-water marks (HWM-01..06) and delivery counts: `flood` sends numbered messages without
// waiting until the socket refuses one (the types that block) or all were taken (the types that
// drop); `collect` reads them back up to an end marker and checks what arrived is whole, in order,
// never twice, and as many as the socket type allows. The counts go to the report: the HWMs
// configured on both ends, sent, delivered, dropped.
#include "run/case_play.hpp"
#include "run/frame_text.hpp"
#include "run/probes.hpp"

namespace zconform {

using protocol::Json;

Json CasePlay::configured_hwm(SocketSlot& s) {
  Json out = {{"socket", s.name}, {"type", s.type}};
  for (const char* option : {"sndhwm", "rcvhwm"}) {
    Reply r = call(s, "getsockopt", {{"option", option}});
    out[option] = r.status == ReplyStatus::ok ? r.body.value("value", Json()) : Json(describe_reply(r));
  }
  return out;
}

void CasePlay::flood(const Step& step) {
  SocketSlot& s = slot(step.sockets[0]);
  result_.step += " flood " + s.name;
  Json record = {{"sender", configured_hwm(s)}, {"attempted", step.count}};
  int sent = 0;
  std::optional<Reply> refusal;
  for (int n = 0; n < step.count; ++n) {
    Frames frames = resolve(step.frames, n);
    Reply r = send_frames(s, frames, /*dontwait=*/true, 0);
    if (r.status != ReplyStatus::ok) {
      refusal = std::move(r);
      break;
    }
    ++sent;
  }
  record["sent"] = sent;
  if (refusal) record["refused_with"] = refusal->error;
  observe("hwm", record);
  burst_ = NumberedBurst{s.name, "hwm", sent};

  const std::string what = "a flood of " + std::to_string(step.count) + " messages on " + s.name + " (" + s.type + ")";
  if (step.expect == FloodExpect::drops) {
    if (refusal) fail(what + " is never refused: at the high-water mark it drops", "message " + std::to_string(sent) + " (numbered from 0): " + describe_reply(*refusal));
    return;
  }
  if (!refusal) fail(what + " is refused with " + *step.error + " at the high-water mark", "all " + std::to_string(sent) + " accepted");
  if (refusal->status != ReplyStatus::error || refusal->error != *step.error) {
    fail(what + " is refused with " + *step.error, describe_reply(*refusal));
  }
  const int at_least = std::max(step.at_least, 1);
  if (sent < at_least) fail(what + ": at least " + std::to_string(at_least) + " accepted before the refusal", std::to_string(sent));
  if (step.at_most >= 0 && sent > step.at_most) {
    fail(what + ": at most " + std::to_string(step.at_most) + " accepted before the refusal", std::to_string(sent));
  }
}

// The number a message carries where the template has "{n}" (in its first numbered frame), if the
// message has the template's shape; whether the rest matches is mismatch()'s business.
std::optional<int> CasePlay::message_number(const FrameSpecs& expected, const Frames& got) {
  if (expected.size() != got.size()) return std::nullopt;
  for (size_t i = 0; i < expected.size(); ++i) {
    if (expected[i].kind == FrameSpec::Kind::literal && expected[i].bytes.find("{n}") != std::string::npos) {
      return number_in(expected[i].bytes, got[i]);
    }
  }
  return std::nullopt;
}

// Reads the burst back. The end is found without a fixed wait: whenever the receiver has nothing,
// the sender sends an end marker (without waiting: a full or dropping socket may refuse or lose
// it), and the first marker to arrive ends the collection: by per-pipe order (DLV-02), every
// message sent before it that was not dropped has arrived before it.
void CasePlay::collect(const Step& step) {
  SocketSlot& to = slot(step.sockets[0]);
  SocketSlot& from = slot(step.sockets[1]);
  result_.step += " collect " + from.name + " -> " + to.name;
  if (!burst_ || burst_->socket != from.name) {
    throw CaseStop{Verdict::error, "a flood or counted send on " + from.name + " before collect", "none"};
  }
  const int sent = burst_->sent;
  const bool lossless = step.expect == FloodExpect::blocks;
  const int all_from = lossless ? 0 : step.all_from;
  const std::string prefix = (traits(to).subscriber != Subscription::none ? to.sync_topic : std::string()) + kEndPrefix +
                             std::to_string(++collect_rounds_) + "/";
  collecting_ = true;
  struct Reset {
    bool& flag;
    ~Reset() { flag = false; }
  } reset{collecting_};
  FrameSpecs marker_send = envelope_send(from, to);
  marker_send.push_back(FrameSpec::literal(prefix + "{n}"));
  FrameSpecs marker_seen = envelope_receive(from, to);
  marker_seen.push_back(FrameSpec::literal(prefix + "{n}"));

  int delivered = 0, last = -1, markers = 0, wait_ms = 0;
  int missing_owed = 0;             // numbers >= all_from that never came
  std::vector<int> missing_sample;  // the first few numbers that never came
  // `complete`: the end marker came, so what did not arrive was dropped; a check that stops the
  // collection early only says how many were read by then.
  auto record = [&](bool complete = false) {
    Json r = result_.observations.value(burst_->key, Json::object());
    r["receiver"] = configured_hwm(to);
    r["sent"] = sent;
    r["delivered"] = delivered;
    if (complete) r["dropped"] = sent - delivered;
    else r["complete"] = false;
    if (!missing_sample.empty()) r["first_missing"] = missing_sample;
    observe(burst_->key, r);
  };
  auto note_gap = [&](int upto) {
    for (int m = last + 1; m < upto && missing_sample.size() < 10; ++m) missing_sample.push_back(m);
    if (all_from >= 0) missing_owed += std::max(0, upto - std::max(last + 1, all_from));
  };
  while (true) {
    if (remaining_ms() == 0) {
      record();
      fail("an end marker from " + from.name + " at " + to.name + " after the burst",
           std::to_string(markers) + " sent, none received before the case deadline (" + std::to_string(delivered) + " messages read)");
    }
    Received got = receive(to, std::min(wait_ms, remaining_ms()));
    if (!got.ok()) {
      if (got.reply.status != ReplyStatus::error || got.reply.error != "EAGAIN") {
        record();
        fail("recv on " + to.name + " returns messages or EAGAIN", describe_reply(got.reply));
      }
      Reply r = send_frames(from, resolve(marker_send, markers), /*dontwait=*/true, 0);
      if (r.status == ReplyStatus::ok) ++markers;
      else if (r.error != "EAGAIN") fail("send of an end marker on " + from.name, describe_reply(r));
      wait_ms = std::clamp(wait_ms * 2, 1, 200);  // bounds each wait, never a wait for its own sake
      continue;
    }
    if (auto k = message_number(marker_seen, got.frames); k && *k < markers && mismatch(marker_seen, got.frames, *k).empty()) break;
    if (is_end_marker(got.frames)) continue;  // an earlier collect's, still in flight
    auto n = message_number(step.frames, got.frames);
    const std::string wanted = "message " + std::to_string(last + 1) + ".." + std::to_string(sent - 1) + " " + describe(step.frames);
    if (!n) {
      record();
      fail(wanted + ", whole (DLV-01)", describe_frames(got.frames) + " (" + mismatch(step.frames, got.frames, last + 1) + ")");
    }
    if (std::string diff = mismatch(step.frames, got.frames, *n); !diff.empty()) {
      record();
      fail(wanted + ", whole (DLV-01)", describe_frames(got.frames) + " (" + diff + ")");
    }
    if (*n <= last || *n >= sent) {
      record();
      fail(wanted + ": each once, in order (DLV-02)", "message " + std::to_string(*n) + " after message " + std::to_string(last) +
                                                         (*n == last ? " (a duplicate)" : *n >= sent ? " (never sent)" : " (out of order)"));
    }
    note_gap(*n);
    last = *n;
    ++delivered;
  }
  note_gap(sent);
  record(true);
  burst_.reset();  // read back: a second collect needs a new burst
  const std::string what = std::to_string(sent) + " messages sent on " + from.name;
  if (missing_owed > 0) {
    fail(what + ": every one from number " + std::to_string(all_from) + " on delivered",
         std::to_string(missing_owed) + " of them missing; first missing overall: " + Json(missing_sample).dump());
  }
  const int at_least = step.at_least >= 0 ? step.at_least : (lossless ? sent : 1);
  if (delivered < at_least) fail(what + ": at least " + std::to_string(at_least) + " delivered", std::to_string(delivered));
  if (step.at_most >= 0 && delivered > step.at_most) {
    fail(what + ": at most " + std::to_string(step.at_most) + " delivered (the high-water marks bound the queue)", std::to_string(delivered));
  }
}

}  // namespace zconform
