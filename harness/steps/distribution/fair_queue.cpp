// fair_queue: messages from several peers are read in turn (PULL-01, REP-01, DEAL-01).
#include <set>

#include "run/frame_matching.hpp"
#include "run/messaging.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct FairQueue final : StepOf<FairQueue> {
  static constexpr const char* kName = "fair_queue";
  static constexpr const char* kSummary =
      "Each sender sends `count` numbered messages, then `to` reads them all: every sender's "
      "arrive whole and in its "
      "order (DLV-02). On inproc, where a send is in the receiver's pipe when it returns, each run "
      "of n messages must "
      "hold one from every sender; elsewhere the order is only recorded (`fair_queue_order`).";

  std::string to;
  std::vector<std::string> from;
  int count = 1;

  static Fields<FairQueue> fields() {
    return {
        field::socket("to", &FairQueue::to, "the receiving socket").required(),
        field::sockets("from", &FairQueue::from, 2, "its peers, each sending").required(),
        field::integer("count", &FairQueue::count, 1, 100000, "messages per sender"),
    };
  }

  void play(CaseContext& cx) const override {
    SocketSlot& receiver = cx.slot(to);
    cx.note("fair_queue to " + receiver.name);
    const size_t n = from.size();
    const bool to_alternates = cx.traits(receiver).alternates != Alternation::none;
    for (const auto& name : from) {
      SocketSlot& sender = cx.slot(name);
      if ((cx.traits(sender).alternates != Alternation::none || to_alternates) && count > 1) {
        throw CaseStop{Verdict::error, "fair_queue with count 1",
                       sender.type + "/" + receiver.type + " alternate send and receive"};
      }
      for (int i = 0; i < count; ++i) {
        FrameSpecs sent = envelope_send(cx, sender, receiver);
        sent.push_back(FrameSpec::literal("fq-" + sender.name + "-" + std::to_string(i)));
        cx.expect_ok(send_frames(cx, sender, resolve(cx, sent)), "send on " + sender.name);
      }
    }
    Json order = Json::array();
    std::map<std::string, int> next;  // sender -> the number it must send next
    for (size_t m = 0; m < n * static_cast<size_t>(count); ++m) {
      Received got = receive(cx, receiver, cx.remaining_ms());
      if (!got.ok()) {
        cx.fail("message " + std::to_string(m + 1) + " of " + std::to_string(n * count) + " on " +
                    receiver.name,
                describe_reply(got.reply));
      }
      const std::string& last = got.frames.empty() ? std::string() : got.frames.back();
      SocketSlot* sender = nullptr;
      for (const auto& name : from) {
        if (!sender && last.rfind("fq-" + name + "-", 0) == 0) sender = &cx.slot(name);
      }
      if (!sender)
        cx.fail("a numbered message from one of the senders on " + receiver.name,
                describe_frames(got.frames));
      const int number = number_in("fq-" + sender->name + "-{n}", last).value_or(-1);
      FrameSpecs expected = envelope_receive(cx, *sender, receiver);
      expected.push_back(FrameSpec::literal(last));
      check_message(cx, expected, got.frames, -1, describe(cx, expected) + " on " + receiver.name);
      order.push_back(last);
      cx.observe("fair_queue_order", order);
      if (number != next[sender->name])
        cx.fail("messages from " + sender->name + " in the order sent", "order " + order.dump());
      ++next[sender->name];
      if (to_alternates) {
        FrameSpecs reply = envelope_send(cx, receiver, *sender);
        reply.push_back(FrameSpec::literal("ack"));
        cx.expect_ok(send_frames(cx, receiver, resolve(cx, reply)), "reply from " + receiver.name);
        FrameSpecs seen = envelope_receive(cx, receiver, *sender);
        seen.push_back(FrameSpec::literal("ack"));
        expect_message(cx, *sender, seen, -1, "the reply");
      }
    }
    if (cx.spec.transport != "inproc") return;
    for (size_t start = 0; start + n <= order.size(); start += n) {
      std::set<std::string> senders;
      for (size_t m = start; m < start + n; ++m) {
        const std::string text = order[m].get<std::string>();
        senders.insert(text.substr(0, text.rfind('-')));
      }
      if (senders.size() != n) {
        cx.fail("each run of " + std::to_string(n) +
                    " messages holds one from every sender (fair queuing)",
                "order " + order.dump());
      }
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(fair_queue, FairQueue)

}  // namespace zconform::steps
