// Steps that move messages and options: send, recv, set, get, transfer, barrier, drain.
#include "protocol/base64.hpp"
#include "run/case_play.hpp"
#include "run/frame_text.hpp"
#include "run/probes.hpp"

namespace zconform {

using protocol::Json;

void CasePlay::send_step(const Step& step) {
  SocketSlot& s = slot(step.sockets[0]);
  result_.step += " send on " + s.name;
  if (!step.as.empty()) {
    // Blocks in the implementation (SNDTIMEO applies) until a later step releases it.
    return start_async(step, *s.agent, "send", {{"socket", s.handle}, {"frames", protocol::frames_to_json(resolve(step.frames))}}, s.name);
  }
  std::string key = "delivery";
  if (step.number_from > 0) {
    // Continues the last burst: it must be this socket's, and end where this one starts.
    if (!burst_ || burst_->socket != s.name || burst_->sent != step.number_from) {
      throw CaseStop{Verdict::error, "a burst on " + s.name + " of exactly " + std::to_string(step.number_from) + " messages before number_from",
                     burst_ ? std::to_string(burst_->sent) + " on " + burst_->socket : "none"};
    }
    key = burst_->key;
  }
  for (int n = step.number_from; n < step.number_from + step.count; ++n) {
    Frames frames = resolve(step.frames, step.count > 1 ? n : -1);
    Reply r;
    if (step.blocking) {
      r = call(s, "send", {{"frames", protocol::frames_to_json(frames)}});
    } else {
      int timeout = step.timeout_ms >= 0 ? std::min(step.timeout_ms, remaining_ms()) : remaining_ms();
      r = send_frames(s, frames, step.dontwait, timeout);
    }
    expect_outcome(r, step.error, "send of " + describe_frames(frames) + " on " + s.name);
  }
  // Numbered messages: what a later collect checks delivery against.
  // With number_from the burst continues the last one: collect then checks the numbers of both.
  if (step.count > 1 && !step.error) burst_ = NumberedBurst{s.name, key, step.number_from + step.count};
}

void CasePlay::check_message(const FrameSpecs& expected, const Frames& got, int n, const std::string& wanted) {
  if (std::string diff = mismatch(expected, got, n); !diff.empty()) fail(wanted, describe_frames(got) + " (" + diff + ")");
}

void CasePlay::expect_message(SocketSlot& s, const FrameSpecs& expected, int n, const std::string& what, int timeout_ms) {
  const int timeout = timeout_ms >= 0 ? std::min(timeout_ms, remaining_ms()) : remaining_ms();
  Received got = receive(s, timeout);
  const std::string wanted = describe(expected, n) + " on " + s.name + (what.empty() ? "" : " (" + what + ")");
  if (!got.ok()) fail(wanted + " within " + std::to_string(timeout) + " ms", describe_reply(got.reply));
  check_message(expected, got.frames, n, wanted);
}

void CasePlay::recv_step(const Step& step) {
  SocketSlot& s = slot(step.sockets[0]);
  result_.step += " recv on " + s.name;
  if (!step.as.empty()) return start_async(step, *s.agent, "recv", {{"socket", s.handle}, {"timeout_ms", -1}}, s.name);
  // Expecting a message: by default as long as the case allows (it returns as soon as it arrives).
  if (!step.error) return expect_message(s, step.frames, -1, "", step.timeout_ms);
  // Expecting an error: the scenario says how long to look, by default not at all.
  int timeout = step.timeout_ms >= 0 ? std::min(step.timeout_ms, remaining_ms()) : 0;
  Received got = receive(s, timeout);
  if (got.ok()) fail("recv on " + s.name + " fails with " + *step.error, "received " + describe_frames(got.frames));
  expect_outcome(got.reply, step.error, "recv on " + s.name);
}

void CasePlay::set_step(const Step& step) {
  SocketSlot& s = slot(step.sockets[0]);
  result_.step += " set " + step.option + " on " + s.name;
  set_option(s, step.option, step.value, step.error);
}

void CasePlay::get_step(const Step& step) {
  SocketSlot& s = slot(step.sockets[0]);
  result_.step += " get " + step.option + " on " + s.name;
  Reply r = call(s, "getsockopt", {{"option", step.option}});
  expect_outcome(r, step.error, "getsockopt " + step.option + " on " + s.name);
  if (step.error) return;
  Json got = r.body.value("value", Json());
  Json wanted = option_value(step.option, step.value);
  if (got != wanted) {
    auto show = [&](const Json& v) {
      if (v.is_string() && wanted.is_string() && v != step.value) {
        if (auto bytes = protocol::base64_decode(v.get<std::string>())) return describe_frames({*bytes});
      }
      return v.dump();
    };
    fail(step.option + " on " + s.name + " is " + show(wanted), show(got));
  }
}

// Moves `count` messages (the body, "{n}" numbered) from one socket to another with the pairing's
// envelopes around it. Messages go in windows, so that a publisher never outruns the high-water
// marks (HWM-02 would drop them): the order is still checked across the whole sequence.
void CasePlay::transfer(const Step& step) {
  SocketSlot& from = slot(step.sockets[0]);
  SocketSlot& to = slot(step.sockets[1]);
  result_.step += " transfer " + from.name + " -> " + to.name;
  FrameSpecs sent = envelope_send(from, to);
  sent.insert(sent.end(), step.frames.begin(), step.frames.end());
  FrameSpecs expected = envelope_receive(from, to);
  expected.insert(expected.end(), step.frames.begin(), step.frames.end());
  constexpr int kWindow = 100;
  for (int first = 0; first < step.count; first += kWindow) {
    const int last = std::min(step.count, first + kWindow);
    for (int n = first; n < last; ++n) {
      const int number = step.count > 1 ? n : -1;
      Frames frames = resolve(sent, number);
      Reply r = send_frames(from, frames);
      expect_ok(r, "send of " + describe_frames(frames) + " on " + from.name);
    }
    for (int n = first; n < last; ++n) {
      const int number = step.count > 1 ? n : -1;
      expect_message(to, expected, number, step.count > 1 ? "message " + std::to_string(n + 1) + " of " + std::to_string(step.count) : "");
    }
  }
}

// A marker from one socket to another. Messages are delivered in order per peer pair (DLV-02), so
// whatever was sent before the marker and should have arrived, arrived before it: the next
// message at `to` must be the marker. This proves "nothing arrived" without waiting a fixed time.
void CasePlay::barrier(const Step& step) {
  SocketSlot& from = slot(step.sockets[0]);
  SocketSlot& to = slot(step.sockets[1]);
  result_.step += " barrier " + from.name + " -> " + to.name;
  std::string marker;
  if (traits(to).subscriber != Subscription::none) {
    // Subscribers only see topics they subscribed to: the marker goes on the sync topic.
    if (to.sync_topic.empty()) sync(from, to);
    marker = to.sync_topic + "barrier-" + std::to_string(++barriers_);
  } else {
    marker = "\xFFzconform-barrier-" + std::to_string(++barriers_);
  }
  FrameSpecs sent = envelope_send(from, to);
  sent.push_back(FrameSpec::literal(marker));
  FrameSpecs expected = envelope_receive(from, to);
  expected.push_back(FrameSpec::literal(marker));
  Frames frames = resolve(sent);
  expect_ok(send_frames(from, frames), "send of the barrier marker on " + from.name);
  expect_message(to, expected, -1, "the barrier marker: nothing else may arrive before it");
}

// Reads until nothing is left; every message must equal the frames given. With `until`, an empty
// socket only ends the drain once that monitor event has come (say DISCONNECTED: then everything
// the peer got onto the wire has been read, and a message cut short has been discarded).
// Records the count.
void CasePlay::drain(const Step& step) {
  SocketSlot& s = slot(step.sockets[0]);
  result_.step += " drain " + s.name;
  int count = 0;
  auto event_seen = [&](const std::vector<MonitorEvent>& events) { return count_events(events, s.created_handle, step.event) > 0; };
  while (true) {
    Received got = receive(s, 0);
    if (!got.ok()) {
      if (got.reply.status != ReplyStatus::error || got.reply.error != "EAGAIN") {
        fail("recv on " + s.name + " returns messages or EAGAIN", describe_reply(got.reply));
      }
      if (step.event.empty() || event_seen(s.agent->events())) break;
      // Reading made room: the socket takes more from the wire, up to the end of the stream.
      if (!s.agent->wait_for_events(event_seen, steps_deadline_)) {
        observe("drained_" + s.name, count);
        fail(step.event + " on " + s.name + " once the stream ends", "none before the case deadline");
      }
      continue;
    }
    if (std::string diff = mismatch(step.frames, got.frames); !diff.empty()) {
      observe("drained_" + s.name, count);
      fail("every message on " + s.name + " is whole: " + describe(step.frames),
           "message " + std::to_string(count + 1) + ": " + describe_frames(got.frames) + " (" + diff + ")");
    }
    ++count;
  }
  observe("drained_" + s.name, count);
}

}  // namespace zconform
