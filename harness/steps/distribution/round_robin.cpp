// round_robin: messages from one socket are dealt out to several peers in turn (PUSH-01,
// DEAL-01, REQ-03). Messages are numbered, so each peer's share can be checked.
#include <set>

#include "run/frame_matching.hpp"
#include "run/messaging.hpp"
#include "steps/step_support.hpp"

namespace zconform::steps {
namespace {

struct RoundRobin final : StepOf<RoundRobin> {
  static constexpr const char* kName = "round_robin";
  static constexpr const char* kSummary =
      "count x peers numbered messages from `from`: each peer must get every n-th, in order, and "
      "the peers distinct "
      "turns (where the turn starts is the implementation's). REQ: one request per peer per round.";

  std::string from;
  std::vector<std::string> to;
  int count = 1;

  static Fields<RoundRobin> fields() {
    return {
        field::socket("from", &RoundRobin::from, "the sending socket").required(),
        field::sockets("to", &RoundRobin::to, 2, "its peers").required(),
        field::integer("count", &RoundRobin::count, 1, 100000, "messages per peer"),
    };
  }

  void play(CaseContext& cx) const override {
    SocketSlot& sender = cx.slot(from);
    cx.note("round_robin from " + sender.name);
    if (cx.traits(sender).alternates == Alternation::send_first) return play_requests(cx, sender);
    const size_t n = to.size();
    const int total = static_cast<int>(n) * count;
    for (const auto& name : to) {
      if (cx.traits(cx.slot(name)).alternates != Alternation::none && count > 1) {
        throw CaseStop{Verdict::error, "round_robin with count 1",
                       cx.slot(name).type + " peers take one request each"};
      }
    }
    for (int i = 0; i < total; ++i) {
      FrameSpecs sent = envelope_send(cx, sender, cx.slot(to[0]));
      sent.push_back(FrameSpec::literal("rr-" + std::to_string(i)));
      cx.expect_ok(send_frames(cx, sender, resolve(cx, sent)),
                   "send of message rr-" + std::to_string(i) + " on " + sender.name);
    }
    Json shares = Json::object();
    std::set<int> residues;
    for (const auto& name : to) {
      SocketSlot& peer = cx.slot(name);
      std::vector<int> got_numbers;
      for (int j = 0; j < count; ++j) {
        FrameSpecs expected = envelope_receive(cx, sender, peer);
        expected.push_back(FrameSpec::named(FrameSpec::Kind::capture, "\x01rr"));
        expect_message(cx, peer, expected, -1,
                       "share " + std::to_string(j + 1) + " of " + std::to_string(count));
        got_numbers.push_back(number_in("rr-{n}", cx.variables["\x01rr"]).value_or(-1));
        shares[peer.name] = got_numbers;
        cx.observe("round_robin", shares);
      }
      const int residue = got_numbers.front() % static_cast<int>(n);
      for (size_t j = 0; j < got_numbers.size(); ++j) {
        const bool in_turn = got_numbers[j] >= 0 &&
                             got_numbers[j] % static_cast<int>(n) == residue &&
                             (j == 0 || got_numbers[j] > got_numbers[j - 1]);
        if (!in_turn)
          cx.fail("every " + std::to_string(n) + "th message, in order, on " + peer.name,
                  "messages " + shares[peer.name].dump());
      }
      if (!residues.insert(residue).second)
        cx.fail("each peer gets its own turn", "two peers share a turn: " + shares.dump());
    }
  }

  // REQ: each request goes to the next peer (REQ-03). Every peer waits with a recv; each request
  // must complete one of the waiting recvs, so after a round of n requests every peer has one.
  void play_requests(CaseContext& cx, SocketSlot& sender) const {
    const size_t n = to.size();
    Json shares = Json::object();
    for (int round = 0; round < count; ++round) {
      std::map<uint64_t, SocketSlot*> waiting;
      AgentClient* peers_agent = cx.slot(to[0]).agent;
      for (const auto& name : to) {
        SocketSlot& peer = cx.slot(name);
        if (peer.agent != peers_agent)
          throw CaseStop{Verdict::error, "round_robin peers in one agent", "they are in several"};
        waiting[peer.agent->send(
            "recv", {{"socket", peer.handle}, {"timeout_ms", cx.remaining_ms()}})] = &peer;
      }
      for (size_t j = 0; j < n; ++j) {
        const std::string body =
            "rr-" + std::to_string(round * static_cast<int>(n) + static_cast<int>(j));
        FrameSpecs sent = envelope_send(cx, sender, cx.slot(to[0]));
        sent.push_back(FrameSpec::literal(body));
        cx.expect_ok(send_frames(cx, sender, resolve(cx, sent)),
                     "send of request " + body + " on " + sender.name);
        std::vector<uint64_t> ids;
        for (auto& [id, peer] : waiting) ids.push_back(id);
        auto answer = peers_agent->wait_any(ids, cx.steps_deadline);
        if (!answer) {
          cx.fail("request " + body + " reaches a peer that has not had its turn this round",
                  "none of them received it; shares so far " + shares.dump());
        }
        SocketSlot& peer = *waiting.at(answer->first);
        waiting.erase(answer->first);
        Received got = parse_received(std::move(answer->second));
        if (!got.ok())
          cx.fail("recv on " + peer.name + " gets a request", describe_reply(got.reply));
        FrameSpecs expected = envelope_receive(cx, sender, peer);
        expected.push_back(FrameSpec::literal(body));
        check_message(cx, expected, got.frames, -1, describe(cx, expected) + " on " + peer.name);
        shares[peer.name].push_back(body);
        cx.observe("round_robin", shares);
        // The peer answers, and the requester reads the answer before its next request (REQ-01).
        FrameSpecs reply = envelope_send(cx, peer, sender);
        reply.push_back(FrameSpec::literal("re-" + body));
        cx.expect_ok(send_frames(cx, peer, resolve(cx, reply)), "reply from " + peer.name);
        FrameSpecs reply_seen = envelope_receive(cx, peer, sender);
        reply_seen.push_back(FrameSpec::literal("re-" + body));
        expect_message(cx, sender, reply_seen, -1, "the reply to " + body);
      }
    }
  }
};

}  // namespace

ZCONFORM_DEFINE_STEP_KIND(round_robin, RoundRobin)

}  // namespace zconform::steps
