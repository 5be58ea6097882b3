#pragma once
// What the steps of one case play against: the case (spec, settings, result), its deadlines, its
// sockets and the agents holding them, what it learned on the way (captured frames, routing ids,
// the last numbered burst, asynchronous requests), and how a step fails (CaseStop). Step types
// (harness/steps/) use it together with the helpers of run/ (messaging, linking, subscriptions,
// ...); CasePlay creates it, plays each step on it and tears it down.
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "run/agent_pool.hpp"
#include "run/case_result.hpp"
#include "run/loopback_ports.hpp"
#include "run/run_settings.hpp"
#include "scenario/expansion.hpp"

namespace zconform {

// Ends the case with a verdict: thrown by a step that cannot go on.
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
  bool routing_id_learned = false;        // learned: it belongs to one connection only
  std::string sync_topic;                 // subscriber: the probe topic of its last sync
  std::deque<Frames> stash;               // messages read early (during a sync), served first
  int link_probes_sent = 0;               // the harness's own messages sent on it (link_probes)
};

// A request sent with `as: name` and not waited for: a recv or send left blocked, a ctx_term.
struct AsyncRequest {
  AgentClient* agent = nullptr;
  uint64_t id = 0;
  std::string what;  // "recv on a", for messages
  bool is_term = false;
  Clock::time_point sent;
  std::optional<Reply> reply;  // once answered
  Clock::time_point answered;  // when the reply was read from the agent
};

// The last numbered burst (a flood, or a send with count): what collect checks delivery against.
struct NumberedBurst {
  std::string socket;
  std::string key;  // observations key: "hwm" for a flood, "delivery" for a counted send
  int sent = 0;
};

class WirePeer;
class FaultRelay;

class CaseContext {
 public:
  CaseContext(const CaseSpec& spec, const RunSettings& settings, AgentPool& pool, size_t number,
              CaseResult& result);
  ~CaseContext();

  const CaseSpec& spec;
  const RunSettings& settings;
  const size_t number;  // of the case in the run: tells apart its ipc paths and inproc names
  CaseResult& result;
  const Scenario& scenario() const { return *spec.scenario; }

  // --- deadlines: steps stop early enough to leave teardown its share of the case's budget
  Clock::time_point case_deadline;
  Clock::time_point steps_deadline;
  int remaining_ms() const;  // of the steps' time

  // --- sockets and agents
  std::map<std::string, SocketSlot> sockets;
  SocketSlot& slot(const std::string& name) { return sockets.at(name); }
  const SocketTypeTraits& traits(const SocketSlot& s) const;  // pairings.yaml's row for its type
  AgentClient& agent_for(Role role);  // fails the case (error) for a killed role
  AgentPool& pool;
  std::map<AgentClient*, std::string> contexts;  // each agent's context handle for this case
  std::set<AgentClient*>
      terminated;               // contexts ctx_term ended (handles kept: later steps use them)
  std::set<Role> killed_roles;  // killed and not restarted: no step may use them

  // A request to an agent; `unsupported` ends the case UNSUPPORTED.
  Reply call(AgentClient& agent, const std::string& op, protocol::Json args);
  Reply call(SocketSlot& s, const std::string& op,
             protocol::Json args);  // with "socket": its handle

  // --- verdicts
  Verdict failure_verdict() const;  // fail, or non-strict when every cited clause is a SHOULD
  [[noreturn]] void fail(const std::string& expected, const std::string& actual) const;
  void expect_ok(const Reply& reply, const std::string& what) const;
  void expect_outcome(const Reply& reply, const std::optional<std::string>& error,
                      const std::string& what) const;

  // --- what the report says about the case
  void note(const std::string& text) {
    result.step += " " + text;
  }  // the step being played, for messages
  void observe(const std::string& key, protocol::Json value) {
    result.observations[key] = std::move(value);
  }

  // --- learned on the way
  std::map<std::string, std::string> variables;  // captured frames, by name
  std::optional<NumberedBurst> burst;
  std::map<std::string, AsyncRequest> requests;  // by `as` name
  int sync_rounds = 0;
  int link_rounds = 0;  // link probes (link_probes.hpp)
  int barriers = 0;
  int collect_rounds = 0;
  bool collecting = false;  // collect reads end markers itself; elsewhere they are skipped
  std::optional<CaseStop> teardown_error;

  // --- the harness's own parts in the case
  std::unique_ptr<WirePeer> wire;     // raw-peer scenarios: the harness's end of the connection
  std::unique_ptr<FaultRelay> relay;  // relay scenarios: between the binder and its connectors
  std::string relay_upstream;
  std::optional<protocol::Json> relay_stats;  // what it carried, kept after teardown ends it
  std::vector<PortLease> port_leases;         // ports its endpoints rebind, held until it ends
};

}  // namespace zconform
