// collect: the numbered messages of the last flood (or counted send), read back up to an end
// marker: whole, in order, never twice, and as many as the socket type allows.
#include <algorithm>

#include "run/frame_matching.hpp"
#include "run/messaging.hpp"
#include "run/probes.hpp"
#include "steps/hwm/hwm_checks.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

enum class Loss { none, allowed };

struct Collect final : StepOf<Collect> {
  static constexpr const char* kName = "collect";
  static constexpr const char* kSummary =
      "Reads the last flood (or `send` with `count`) back: every message whole, each number at "
      "most once and in "
      "increasing order; `none`: all arrive; `allowed`: a subset, but every number from `all_from` "
      "on. The end is "
      "found by markers `from` sends whenever the receiver is empty, never by waiting. Adds "
      "receiver, delivered, "
      "dropped and first_missing to the burst's record (`hwm`, or `delivery` after a counted "
      "send).";

  std::string socket;
  std::string from;
  FrameSpecs frames;
  Loss loss = Loss::none;
  int at_least = -1;
  int at_most = -1;
  int all_from = -1;

  static Fields<Collect> fields() {
    return {
        field::socket("socket", &Collect::socket, "the receiving socket").required(),
        field::socket("from", &Collect::from,
                      "the socket that sent the burst (and sends the end markers)")
            .required(),
        field::frames("frames", &Collect::frames, "the burst's message, with its \"{n}\"")
            .required(),
        field::choice("loss", &Collect::loss,
                      std::vector<std::pair<std::string, Loss>>{{"none", Loss::none},
                                                                {"allowed", Loss::allowed}},
                      "none: every message arrives; allowed: a dropping socket, a fault"),
        field::integer("at_least", &Collect::at_least, 0, 100000, "messages delivered, at least")
            .defaults("none: all; allowed: 1"),
        field::integer("at_most", &Collect::at_most, 0, 100000, "messages delivered, at most"),
        field::integer("all_from", &Collect::all_from, 0, 100000,
                       "allowed: every message numbered from here on must arrive"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) const {
    if (!is_numbered(frames))
      load.fail(map["frames"], "collected frames must hold \"{n}\" as the flood's do");
    if (loss == Loss::none && map["all_from"])
      load.fail(map["all_from"], "'all_from' goes with 'loss: allowed'");
    if (at_most >= 0 && at_least > at_most) load.fail(map, "'at_least' is above 'at_most'");
  }

  // Whenever the receiver has nothing, the sender sends an end marker (without waiting: a full or
  // dropping socket may refuse or lose it), and the first marker to arrive ends the collection: by
  // per-pipe order (DLV-02), every message sent before it that was not dropped arrived before it.
  void play(CaseContext& cx) const override {
    SocketSlot& to = cx.slot(socket);
    SocketSlot& sender = cx.slot(from);
    cx.note("collect " + sender.name + " -> " + to.name);
    if (!cx.burst || cx.burst->socket != sender.name) {
      throw CaseStop{Verdict::error,
                     "a flood or counted send on " + sender.name + " before collect", "none"};
    }
    const int sent = cx.burst->sent;
    const bool lossless = loss == Loss::none;
    const int owed_from = lossless ? 0 : all_from;
    const std::string prefix =
        (cx.traits(to).subscriber != Subscription::none ? to.sync_topic : std::string()) +
        kEndPrefix + std::to_string(++cx.collect_rounds) + "/";
    cx.collecting = true;
    struct Reset {
      bool& flag;
      ~Reset() { flag = false; }
    } reset{cx.collecting};
    FrameSpecs marker_send = envelope_send(cx, sender, to);
    marker_send.push_back(FrameSpec::literal(prefix + "{n}"));
    FrameSpecs marker_seen = envelope_receive(cx, sender, to);
    marker_seen.push_back(FrameSpec::literal(prefix + "{n}"));

    int delivered = 0, last = -1, markers = 0, wait_ms = 0;
    int missing_owed = 0;             // numbers >= all_from that never came
    std::vector<int> missing_sample;  // the first few numbers that never came
    // `complete`: the end marker came, so what did not arrive was dropped; a check that stops the
    // collection early only says how many were read by then.
    auto record = [&](bool complete = false) {
      Json r = cx.result.observations.value(cx.burst->key, Json::object());
      r["receiver"] = configured_hwm(cx, to);
      r["sent"] = sent;
      r["delivered"] = delivered;
      if (complete)
        r["dropped"] = sent - delivered;
      else
        r["complete"] = false;
      if (!missing_sample.empty()) r["first_missing"] = missing_sample;
      cx.observe(cx.burst->key, r);
    };
    auto note_gap = [&](int upto) {
      for (int m = last + 1; m < upto && missing_sample.size() < 10; ++m)
        missing_sample.push_back(m);
      if (owed_from >= 0) missing_owed += std::max(0, upto - std::max(last + 1, owed_from));
    };
    while (true) {
      if (cx.remaining_ms() == 0) {
        record();
        cx.fail("an end marker from " + sender.name + " at " + to.name + " after the burst",
                std::to_string(markers) + " sent, none received before the case deadline (" +
                    std::to_string(delivered) + " messages read)");
      }
      Received got = receive(cx, to, std::min(wait_ms, cx.remaining_ms()));
      if (!got.ok()) {
        if (got.reply.status != ReplyStatus::error || got.reply.error != "EAGAIN") {
          record();
          cx.fail("recv on " + to.name + " returns messages or EAGAIN", describe_reply(got.reply));
        }
        Reply r = send_frames(cx, sender, resolve(cx, marker_send, markers), /*dontwait=*/true, 0);
        if (r.status == ReplyStatus::ok)
          ++markers;
        else if (r.error != "EAGAIN")
          cx.fail("send of an end marker on " + sender.name, describe_reply(r));
        wait_ms =
            std::clamp(wait_ms * 2, 1, 200);  // bounds each wait, never a wait for its own sake
        continue;
      }
      if (auto k = message_number(marker_seen, got.frames);
          k && *k < markers && mismatch(cx, marker_seen, got.frames, *k).empty())
        break;
      if (is_end_marker(got.frames)) continue;  // an earlier collect's, still in flight
      auto n = message_number(frames, got.frames);
      const std::string wanted = "message " + std::to_string(last + 1) + ".." +
                                 std::to_string(sent - 1) + " " + describe(cx, frames);
      if (!n) {
        record();
        cx.fail(wanted + ", whole (DLV-01)", describe_frames(got.frames) + " (" +
                                                 mismatch(cx, frames, got.frames, last + 1) + ")");
      }
      if (std::string diff = mismatch(cx, frames, got.frames, *n); !diff.empty()) {
        record();
        cx.fail(wanted + ", whole (DLV-01)", describe_frames(got.frames) + " (" + diff + ")");
      }
      if (*n <= last || *n >= sent) {
        record();
        cx.fail(wanted + ": each once, in order (DLV-02)",
                "message " + std::to_string(*n) + " after message " + std::to_string(last) +
                    (*n == last   ? " (a duplicate)"
                     : *n >= sent ? " (never sent)"
                                  : " (out of order)"));
      }
      note_gap(*n);
      last = *n;
      ++delivered;
    }
    note_gap(sent);
    record(true);
    cx.burst.reset();  // read back: a second collect needs a new burst
    const std::string what = std::to_string(sent) + " messages sent on " + sender.name;
    if (missing_owed > 0) {
      cx.fail(what + ": every one from number " + std::to_string(owed_from) + " on delivered",
              std::to_string(missing_owed) +
                  " of them missing; first missing overall: " + Json(missing_sample).dump());
    }
    const int least = at_least >= 0 ? at_least : (lossless ? sent : 1);
    check_bounds(cx, what, delivered, least, at_most, "delivered",
                 " (the high-water marks bound the queue)");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(collect, Collect)

}  // namespace zconform::steps
