// Several peers on one socket: round-robin out (PUSH-01, DEAL-01, REQ-03) and fair-queue in
// (PULL-01, REP-01, DEAL-01). Messages are numbered, so each peer's share can be checked.
#include <algorithm>
#include <set>

#include "run/case_play.hpp"
#include "run/frame_text.hpp"

namespace zconform {

using protocol::Json;

namespace {

// "rr-12" -> 12; -1 when the frame is not one of ours.
int number_after(const std::string& frame, const std::string& prefix) {
  if (frame.rfind(prefix, 0) != 0) return -1;
  try {
    return std::stoi(frame.substr(prefix.size()));
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace

// Sends count x peers numbered messages, then reads `count` from each peer: a peer's numbers
// must all be congruent modulo the number of peers (it got every n-th), and the peers' residues
// must differ. Where the turn starts is left to the implementation.
void CasePlay::round_robin(const Step& step) {
  SocketSlot& from = slot(step.sockets[0]);
  result_.step += " round_robin from " + from.name;
  if (traits(from).alternates == Alternation::send_first) return round_robin_requests(step);
  const size_t n = step.sockets.size() - 1;
  const int total = static_cast<int>(n) * step.count;
  for (size_t k = 1; k <= n; ++k) {
    if (traits(slot(step.sockets[k])).alternates != Alternation::none && step.count > 1) {
      throw CaseStop{Verdict::error, "round_robin with count 1", slot(step.sockets[k]).type + " peers take one request each"};
    }
  }
  for (int i = 0; i < total; ++i) {
    FrameSpecs sent = envelope_send(from, slot(step.sockets[1]));
    sent.push_back(FrameSpec::literal("rr-" + std::to_string(i)));
    expect_ok(send_frames(from, resolve(sent)), "send of message rr-" + std::to_string(i) + " on " + from.name);
  }
  Json shares = Json::object();
  std::set<int> residues;
  for (size_t k = 1; k <= n; ++k) {
    SocketSlot& peer = slot(step.sockets[k]);
    std::vector<int> got_numbers;
    for (int j = 0; j < step.count; ++j) {
      FrameSpecs expected = envelope_receive(from, peer);
      expected.push_back(FrameSpec::named(FrameSpec::Kind::capture, "\x01rr"));
      expect_message(peer, expected, -1, "share " + std::to_string(j + 1) + " of " + std::to_string(step.count));
      got_numbers.push_back(number_after(variables_["\x01rr"], "rr-"));
      shares[peer.name] = got_numbers;
      observe("round_robin", shares);
    }
    const int residue = got_numbers.front() % static_cast<int>(n);
    for (size_t j = 0; j < got_numbers.size(); ++j) {
      const bool in_turn = got_numbers[j] >= 0 && got_numbers[j] % static_cast<int>(n) == residue &&
                           (j == 0 || got_numbers[j] > got_numbers[j - 1]);
      if (!in_turn) fail("every " + std::to_string(n) + "th message, in order, on " + peer.name, "messages " + shares[peer.name].dump());
    }
    if (!residues.insert(residue).second) fail("each peer gets its own turn", "two peers share a turn: " + shares.dump());
  }
}

// REQ: each request goes to the next peer (REQ-03). Every peer waits with a recv; each request
// must complete one of the waiting recvs, so after a round of n requests every peer has one.
void CasePlay::round_robin_requests(const Step& step) {
  SocketSlot& from = slot(step.sockets[0]);
  const size_t n = step.sockets.size() - 1;
  Json shares = Json::object();
  for (int round = 0; round < step.count; ++round) {
    std::map<uint64_t, SocketSlot*> waiting;
    AgentClient* peers_agent = slot(step.sockets[1]).agent;
    for (size_t k = 1; k <= n; ++k) {
      SocketSlot& peer = slot(step.sockets[k]);
      if (peer.agent != peers_agent) throw CaseStop{Verdict::error, "round_robin peers in one agent", "they are in several"};
      waiting[peer.agent->send("recv", {{"socket", peer.handle}, {"timeout_ms", remaining_ms()}})] = &peer;
    }
    for (size_t j = 0; j < n; ++j) {
      const std::string body = "rr-" + std::to_string(round * static_cast<int>(n) + static_cast<int>(j));
      FrameSpecs sent = envelope_send(from, slot(step.sockets[1]));
      sent.push_back(FrameSpec::literal(body));
      expect_ok(send_frames(from, resolve(sent)), "send of request " + body + " on " + from.name);
      std::vector<uint64_t> ids;
      for (auto& [id, peer] : waiting) ids.push_back(id);
      auto answer = peers_agent->wait_any(ids, steps_deadline_);
      if (!answer) fail("request " + body + " reaches a peer that has not had its turn this round", "none of them received it; shares so far " + shares.dump());
      SocketSlot& peer = *waiting.at(answer->first);
      waiting.erase(answer->first);
      Received got = parse_received(std::move(answer->second));
      if (!got.ok()) fail("recv on " + peer.name + " gets a request", describe_reply(got.reply));
      FrameSpecs expected = envelope_receive(from, peer);
      expected.push_back(FrameSpec::literal(body));
      check_message(expected, got.frames, -1, describe(expected) + " on " + peer.name);
      shares[peer.name].push_back(body);
      observe("round_robin", shares);
      // The peer answers, and the requester reads the answer before its next request (REQ-01).
      FrameSpecs reply = envelope_send(peer, from);
      reply.push_back(FrameSpec::literal("re-" + body));
      expect_ok(send_frames(peer, resolve(reply)), "reply from " + peer.name);
      FrameSpecs reply_seen = envelope_receive(peer, from);
      reply_seen.push_back(FrameSpec::literal("re-" + body));
      expect_message(from, reply_seen, -1, "the reply to " + body);
    }
  }
}

// Each sender sends `count` numbered messages, then the receiver reads them all: every sender's
// messages arrive whole and in its order (DLV-02). On inproc, where a send is in the receiver's
// pipe when it returns, the turns are checked too: each run of n messages has one from each
// sender. Elsewhere arrival times are not ours to know, so the order is only recorded.
void CasePlay::fair_queue(const Step& step) {
  SocketSlot& to = slot(step.sockets[0]);
  result_.step += " fair_queue to " + to.name;
  const size_t n = step.sockets.size() - 1;
  const bool to_alternates = traits(to).alternates != Alternation::none;
  for (size_t k = 1; k <= n; ++k) {
    SocketSlot& sender = slot(step.sockets[k]);
    if ((traits(sender).alternates != Alternation::none || to_alternates) && step.count > 1) {
      throw CaseStop{Verdict::error, "fair_queue with count 1", sender.type + "/" + to.type + " alternate send and receive"};
    }
    for (int i = 0; i < step.count; ++i) {
      FrameSpecs sent = envelope_send(sender, to);
      sent.push_back(FrameSpec::literal("fq-" + sender.name + "-" + std::to_string(i)));
      expect_ok(send_frames(sender, resolve(sent)), "send on " + sender.name);
    }
  }
  Json order = Json::array();
  std::map<std::string, int> next;  // sender -> the number it must send next
  for (size_t m = 0; m < n * static_cast<size_t>(step.count); ++m) {
    Received got = receive(to, remaining_ms());
    if (!got.ok()) fail("message " + std::to_string(m + 1) + " of " + std::to_string(n * step.count) + " on " + to.name, describe_reply(got.reply));
    const std::string& last = got.frames.empty() ? std::string() : got.frames.back();
    SocketSlot* sender = nullptr;
    for (size_t k = 1; k <= n && !sender; ++k) {
      if (last.rfind("fq-" + step.sockets[k] + "-", 0) == 0) sender = &slot(step.sockets[k]);
    }
    if (!sender) fail("a numbered message from one of the senders on " + to.name, describe_frames(got.frames));
    const int number = number_after(last, "fq-" + sender->name + "-");
    FrameSpecs expected = envelope_receive(*sender, to);
    expected.push_back(FrameSpec::literal(last));
    check_message(expected, got.frames, -1, describe(expected) + " on " + to.name);
    order.push_back(last);
    observe("fair_queue_order", order);
    if (number != next[sender->name]) fail("messages from " + sender->name + " in the order sent", "order " + order.dump());
    ++next[sender->name];
    if (to_alternates) {
      FrameSpecs reply = envelope_send(to, *sender);
      reply.push_back(FrameSpec::literal("ack"));
      expect_ok(send_frames(to, resolve(reply)), "reply from " + to.name);
      FrameSpecs seen = envelope_receive(to, *sender);
      seen.push_back(FrameSpec::literal("ack"));
      expect_message(*sender, seen, -1, "the reply");
    }
  }
  if (spec_.transport != "inproc") return;
  for (size_t start = 0; start + n <= order.size(); start += n) {
    std::set<std::string> senders;
    for (size_t m = start; m < start + n; ++m) {
      const std::string text = order[m].get<std::string>();
      senders.insert(text.substr(0, text.rfind('-')));
    }
    if (senders.size() != n) fail("each run of " + std::to_string(n) + " messages holds one from every sender (fair queuing)", "order " + order.dump());
  }
}

}  // namespace zconform
