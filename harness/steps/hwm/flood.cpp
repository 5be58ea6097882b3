// flood: numbered messages with DONTWAIT until the socket refuses one (the types that block at
// the high-water mark) or all were taken (the types that drop): HWM-01..06.
#include "run/frame_matching.hpp"
#include "run/messaging.hpp"
#include "steps/hwm/hwm_checks.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

enum class AtTheMark { blocks, drops };

struct Flood final : StepOf<Flood> {
  static constexpr const char* kName = "flood";
  static constexpr const char* kSummary =
      "Sends `count` numbered messages without waiting. `blocks`: one must be refused (`error`, "
      "EAGAIN by default) "
      "after at_least..at_most were accepted; `drops`: every one is accepted at once. Records "
      "`hwm`: the HWMs "
      "configured and the counts attempted, sent, refused_with. Link probes sent on the socket "
      "lower at_least by their number (they may still hold places in its pipes).";

  std::string socket;
  FrameSpecs frames;
  int count = 0;
  AtTheMark expect = AtTheMark::blocks;
  int at_least = -1;
  int at_most = -1;
  std::optional<std::string> error;

  static Fields<Flood> fields() {
    return {
        field::socket("socket", &Flood::socket, "the sending socket").required(),
        field::frames("frames", &Flood::frames,
                      "the message, with \"{n}\": the receiver tells messages apart by it")
            .required(),
        field::integer("count", &Flood::count, 1, 100000, "messages to try").required(),
        field::choice("expect", &Flood::expect,
                      std::vector<std::pair<std::string, AtTheMark>>{{"blocks", AtTheMark::blocks},
                                                                     {"drops", AtTheMark::drops}},
                      "blocks: refused at the high-water mark; drops: never refused")
            .required(),
        field::integer("at_least", &Flood::at_least, 1, 100000,
                       "blocks: sends accepted before the refusal, at least")
            .defaults("1"),
        field::integer("at_most", &Flood::at_most, 0, 100000,
                       "blocks: sends accepted before the refusal, at most"),
        field::errno_name("error", &Flood::error, "blocks: the refusal").defaults("EAGAIN"),
    };
  }

  void validate(const StepLoad& load, const YAML::Node& map) {
    if (!is_numbered(frames))
      load.fail(
          map["frames"],
          "flood frames must hold \"{n}\" somewhere: the receiver tells the messages apart by it");
    if (at_most >= 0 && at_least > at_most) load.fail(map, "'at_least' is above 'at_most'");
    if (expect == AtTheMark::drops && (map["at_least"] || map["at_most"])) {
      load.fail(
          map,
          "a flood that drops is never refused: 'at_least' and 'at_most' go with expect: blocks");
    }
    if (error && expect == AtTheMark::drops)
      load.fail(map["error"],
                "a flood that drops is never refused: 'error' goes with expect: blocks");
    if (!error && expect == AtTheMark::blocks) error = "EAGAIN";
  }

  void play(CaseContext& cx) const override {
    SocketSlot& s = cx.slot(socket);
    cx.note("flood " + s.name);
    Json record = {{"sender", configured_hwm(cx, s)}, {"attempted", count}};
    int sent = 0;
    std::optional<Reply> refusal;
    for (int n = 0; n < count; ++n) {
      Reply r = send_frames(cx, s, resolve(cx, frames, n), /*dontwait=*/true, 0);
      if (r.status != ReplyStatus::ok) {
        refusal = std::move(r);
        break;
      }
      ++sent;
    }
    record["sent"] = sent;
    if (refusal) record["refused_with"] = refusal->error;
    cx.observe("hwm", record);
    cx.burst = NumberedBurst{s.name, "hwm", sent};

    const std::string what =
        "a flood of " + std::to_string(count) + " messages on " + s.name + " (" + s.type + ")";
    if (expect == AtTheMark::drops) {
      if (refusal) {
        cx.fail(
            what + " is never refused: at the high-water mark it drops",
            "message " + std::to_string(sent) + " (numbered from 0): " + describe_reply(*refusal));
      }
      return;
    }
    if (!refusal)
      cx.fail(what + " is refused with " + *error + " at the high-water mark",
              "all " + std::to_string(sent) + " accepted");
    if (refusal->status != ReplyStatus::error || refusal->error != *error)
      cx.fail(what + " is refused with " + *error, describe_reply(*refusal));
    // Link probes sent on this socket went through the pipes the flood fills, and a pipe credits
    // its writer back only every low-water mark of reads (libzmq 4.3.4 pipe.cpp:228): each may hold
    // a place. The lower bound gives those places back.
    int least = at_least < 0 ? 1 : at_least;
    if (s.link_probes_sent > 0 && at_least > 0) {
      least = std::max(1, at_least - s.link_probes_sent);
      record["link_probes_sent"] = s.link_probes_sent;
      cx.observe("hwm", record);
    }
    check_bounds(cx, what, sent, least, at_most, "accepted before the refusal");
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(flood, Flood)

}  // namespace zconform::steps
