#pragma once
// One play of one expanded case: the sockets it created, what it learned along the way (routing
// ids, captured frames, subscriptions in force), and the step implementations. The steps are
// spread over files by family (link_steps.cpp, message_steps.cpp, pubsub_steps.cpp,
// distribution_steps.cpp); this file holds the shared primitives. A step that cannot go on throws
// CaseStop with the verdict; CaseRunner turns it into the result.
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "run/agent_pool.hpp"
#include "run/case_result.hpp"
#include "run/run_settings.hpp"
#include "scenario/expansion.hpp"
#include "zmtp/frame.hpp"

namespace zconform {

struct CaseStop {
  Verdict verdict;
  std::string expected;
  std::string actual;
};

struct SocketSlot {
  std::string name;
  Role role = Role::a;
  std::string type;
  AgentClient* agent = nullptr;
  std::string handle;                     // empty once closed (or never created)
  std::string created_handle;             // kept after close: monitor events name it
  std::string endpoint;                   // the last endpoint it bound (kept after unbind)
  int links = 0;                          // connections it takes part in: handshakes to wait for
  std::optional<std::string> routing_id;  // as set on it, or as learned by a ROUTER from it
  std::string sync_topic;                 // subscriber: the probe topic of its last sync
  std::deque<Frames> stash;               // messages read early (during a sync), served first
};

// A received message or the agent's refusal.
struct Received {
  Reply reply;
  Frames frames;
  bool ok() const { return reply.status == ReplyStatus::ok; }
};

// How many `name` events the socket with agent handle `handle` has reported (link_steps.cpp).
int count_events(const std::vector<MonitorEvent>& events, const std::string& handle, const std::string& name);

class WirePeer;
class TcpRelay;

// A request sent with `as: name` and not waited for: a recv or send left blocked, a ctx_term.
struct AsyncRequest {
  AgentClient* agent = nullptr;
  uint64_t id = 0;
  std::string what;              // "recv on a", for messages
  bool is_term = false;
  Clock::time_point sent;
  std::optional<Reply> reply;    // once answered
  Clock::time_point answered;    // when the reply was read from the agent
};

// The last numbered burst (a flood, or a send with count): what collect checks delivery against.
struct NumberedBurst {
  std::string socket;
  std::string key;   // observations key: "hwm" for a flood, "delivery" for a counted send
  int sent = 0;
};

class CasePlay {
 public:
  CasePlay(const CaseSpec& spec, const RunSettings& settings, AgentPool& pool, size_t number, CaseResult& result);
  ~CasePlay();

  void setup();
  void play(const Step& step);
  void teardown();
  void collect_observations();

 private:
  // --- primitives (case_play.cpp)
  AgentClient& agent_for(Role role);
  SocketSlot& slot(const std::string& name) { return sockets_.at(name); }
  Reply call(SocketSlot& s, const std::string& op, protocol::Json args);
  Reply call(AgentClient& agent, const std::string& op, protocol::Json args);
  void expect_ok(const Reply& reply, const std::string& what);
  void expect_outcome(const Reply& reply, const std::optional<std::string>& error, const std::string& what);
  Verdict failure_verdict() const;
  [[noreturn]] void fail(const std::string& expected, const std::string& actual);
  int remaining_ms() const;
  const SocketTypeTraits& traits(const SocketSlot& s) const;

  void set_option(SocketSlot& s, const std::string& option, const protocol::Json& value,
                  const std::optional<std::string>& error = std::nullopt);
  protocol::Json option_value(const std::string& option, const protocol::Json& value) const;
  Reply send_frames(SocketSlot& s, const Frames& frames, bool dontwait = false, int timeout_ms = -1);
  // Reads the next message that is not a harness probe, from the stash first.
  Received receive(SocketSlot& s, int timeout_ms);
  Received receive_raw(SocketSlot& s, int timeout_ms, bool from_stash = true);
  Received parse_received(Reply reply);
  bool is_probe(const SocketSlot& s, const Frames& frames) const;

  Frames resolve(const FrameSpecs& specs, int n = -1);
  // Compares and captures; empty when the message matches, else what differs.
  std::string mismatch(const FrameSpecs& expected, const Frames& got, int n = -1);
  std::string describe(const FrameSpecs& specs, int n = -1);
  // pairings.yaml's envelope around a body from `from` to `to`: what the sender prepends
  // (sending) or what the receiver sees first.
  FrameSpecs envelope_frames(const SocketSlot& from, const SocketSlot& to, bool sending) const;
  FrameSpecs envelope_send(const SocketSlot& from, const SocketSlot& to) const { return envelope_frames(from, to, true); }
  FrameSpecs envelope_receive(const SocketSlot& from, const SocketSlot& to) const { return envelope_frames(from, to, false); }
  void observe(const std::string& key, protocol::Json value) { result_.observations[key] = std::move(value); }

  // --- link_steps.cpp
  void link(SocketSlot& binder, SocketSlot& connector);
  void await_handshakes(SocketSlot& s);
  void settle(SocketSlot& s);
  std::string endpoint_for(const SocketSlot& s) const;
  std::string resolve_endpoint(const Step& step, const SocketSlot& s) const;
  void endpoint_step(const Step& step);
  void await_event(const Step& step);
  void close_socket(const Step& step);
  void kill_role(const Step& step);
  // Files an agent's monitor events (of this case's sockets) and transcript in the result; for a
  // killed agent before the pool replaces it, and for every agent at the end.
  void harvest(AgentClient& agent);

  // --- message_steps.cpp
  void send_step(const Step& step);
  void recv_step(const Step& step);
  void set_step(const Step& step);
  void get_step(const Step& step);
  void transfer(const Step& step);
  void barrier(const Step& step);
  void drain(const Step& step);
  // Receives on `s` (within timeout_ms, or whatever the case has left when it is -1) and checks.
  void expect_message(SocketSlot& s, const FrameSpecs& expected, int n, const std::string& what, int timeout_ms = -1);
  // Fails the case, saying what differs, unless `got` matches `expected` (captures are kept).
  void check_message(const FrameSpecs& expected, const Frames& got, int n, const std::string& wanted);

  // --- hwm_steps.cpp (high-water marks: flood, collect)
  void flood(const Step& step);
  void collect(const Step& step);
  std::optional<int> message_number(const FrameSpecs& expected, const Frames& got);
  protocol::Json configured_hwm(SocketSlot& s);

  // --- context_steps.cpp (asynchronous requests, context termination, restart)
  std::string context_for(AgentClient& agent);
  void create_socket(SocketSlot& s);
  void start_async(const Step& step, AgentClient& agent, const std::string& op, protocol::Json args, const std::string& what);
  AsyncRequest& async_request(const std::string& name);
  bool poll_reply(AsyncRequest& r, Clock::time_point deadline);
  void term_step(const Step& step);
  void shutdown_step(const Step& step);
  void new_socket_step(const Step& step);
  void reply_step(const Step& step);
  void pending_step(const Step& step);
  void restart_role(const Step& step);
  // Teardown's part: blocked requests released (ctx_shutdown), then waited for.
  void release_async_requests();

  // --- fault_steps.cpp (the fault relay)
  void start_relay(const SocketSlot& binder);
  // Where a socket connects to reach `binder`: the relay's endpoint when it stands in between.
  std::string connect_endpoint(const SocketSlot& binder) const;
  void fault_step(const Step& step);

  // --- pubsub_steps.cpp
  void subscription(SocketSlot& s, const std::string& topic, bool subscribe);
  // Probes on a fresh topic (subscribed first), or on `topic` when given (subscribed earlier).
  void sync(SocketSlot& publisher, SocketSlot& subscriber, const std::string& topic = "");
  void pubsub_after_link(SocketSlot& x, SocketSlot& y);

  // --- distribution_steps.cpp
  void round_robin(const Step& step);
  void round_robin_requests(const Step& step);
  void fair_queue(const Step& step);

  // --- wire_steps.cpp (raw-peer scenarios)
  void open_wire();
  void play_wire(const Step& step);
  Verdict verdict_of(OutcomeVerdict v) const;
  [[noreturn]] void wire_fail(const WireStep& w, const std::string& expected, const std::string& actual);
  Clock::time_point wire_deadline(int within_ms) const;
  zmtp::Frame wire_frame(const WireFrameSpec& f, bool more_by_default) const;
  zmtp::Frame wire_ready(const WireFrameSpec& f) const;
  zmtp::DecodedFrame wire_next(const WireStep& w, const std::string& wanted);
  void wire_expect_greeting(const WireStep& w);
  void wire_expect_ready(const WireStep& w);
  void wire_handshake(const WireStep& w);
  void wire_read(const WireStep& w);
  void wire_outcome(const WireStep& w);
  void wire_sync();

  const CaseSpec& spec_;
  const RunSettings& settings_;
  AgentPool& pool_;
  size_t number_;
  CaseResult& result_;
  Clock::time_point case_deadline_;
  Clock::time_point steps_deadline_;
  std::map<std::string, SocketSlot> sockets_;
  std::map<AgentClient*, std::string> contexts_;
  std::set<AgentClient*> terminated_;  // contexts ctx_term ended (their handles kept: later steps use them)
  std::set<Role> killed_roles_;        // killed and not restarted: no step may use them
  std::optional<CaseStop> teardown_error_;
  std::map<std::string, std::string> variables_;  // captured frames
  int sync_rounds_ = 0;
  int barriers_ = 0;
  std::unique_ptr<WirePeer> wire_;  // raw-peer scenarios: the harness's end of the connection
  std::unique_ptr<TcpRelay> relay_;  // relay scenarios: between the binder and its connectors
  std::string relay_upstream_;
  std::optional<protocol::Json> relay_stats_;  // what it carried, kept after teardown ends it
  std::map<std::string, AsyncRequest> requests_;  // by `as` name
  std::optional<NumberedBurst> burst_;
  int collect_rounds_ = 0;
  bool collecting_ = false;  // collect reads end markers itself; elsewhere they are skipped
};

}  // namespace zconform
