#pragma once
// The driver's end of the agent protocol (harness/agents/PROTOCOL.md): numbered requests,
// replies matched by id in whatever order they come, events collected as they arrive, and every
// way an agent can break (exit, crash, hang, garbage) turned into one AgentFailure that says what
// happened. After a failure the agent's process group is dead and the client is unusable.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "agent/agent_process.hpp"
#include "agent/implementation.hpp"
#include "protocol/messages.hpp"

namespace zconform {

using protocol::Json;
using protocol::Reply;
using protocol::ReplyStatus;

class AgentFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct AgentHello {
  std::string name;
  std::string version;
  int protocol = 0;
  std::set<std::string> socket_types;
  std::set<std::string> transports;
  std::set<std::string> options;
  bool draft = false;
  // The monitor events the agent can report (capability `monitor_events`); absent: all of libzmq's.
  std::optional<std::set<std::string>> monitor_events;

  bool reports(const std::string& event) const {
    return !monitor_events || monitor_events->count(event) > 0;
  }
};

struct MonitorEvent {
  std::string socket;  // the agent's handle
  std::string name;    // HANDSHAKE_SUCCEEDED, ...
  int64_t value = 0;
  std::string endpoint;
};

class AgentClient {
 public:
  // Starts the agent; throws AgentFailure if it cannot be started.
  explicit AgentClient(const Implementation& impl);
  ~AgentClient();

  // Sends hello and checks the answer; throws AgentFailure on a bad or missing reply.
  const AgentHello& handshake(Clock::time_point deadline);
  const AgentHello& hello() const { return hello_; }

  uint64_t send(const std::string& op, Json args);
  Reply wait(uint64_t id, Clock::time_point deadline);
  Reply call(const std::string& op, Json args, Clock::time_point deadline) {
    return wait(send(op, std::move(args)), deadline);
  }
  // The first of several outstanding requests to be answered; nullopt when the deadline passes
  // first (the others stay outstanding and may still be waited for).
  std::optional<std::pair<uint64_t, Reply>> wait_any(const std::vector<uint64_t>& ids,
                                                     Clock::time_point deadline);

  // When the reply last handed out by wait() or wait_any() was read from the agent: a reply that
  // came while another call was being waited for keeps the time it really came.
  Clock::time_point last_reply_arrival() const { return last_reply_arrival_; }

  // Kills the agent's process group on purpose (a scenario's `kill` step): the client is then
  // unusable, like after a failure, but `killed()` tells the two apart.
  void kill();
  bool killed() const { return killed_; }

  // Pumps lines until `done(events)` holds or the deadline passes; false on the deadline.
  bool wait_for_events(const std::function<bool(const std::vector<MonitorEvent>&)>& done,
                       Clock::time_point deadline);
  const std::vector<MonitorEvent>& events() const { return events_; }
  void clear_events() { events_.clear(); }

  // Requests, replies and events as exchanged since the last call, each shortened for reports.
  std::vector<std::string> take_transcript();

  // Asks the agent to leave; kills its group if it does not exit by the deadline.
  void shut_down(Clock::time_point deadline);
  bool failed() const { return failed_; }
  const Implementation& implementation() const { return impl_; }

  // How much the agent has written on stderr, and what it wrote after `mark` (AgentProcess).
  size_t stderr_written() const;
  std::string stderr_since(size_t mark) const;

 private:
  // Reads one line and files it: false when the deadline passed first; throws AgentFailure if
  // the agent broke (exit, crash, malformed line, reply to a request never sent).
  bool pump(Clock::time_point deadline);
  [[noreturn]] void fail(const std::string& what);
  void record(std::string_view direction, std::string_view line);
  std::string describe_request(uint64_t id) const;

  Implementation impl_;
  std::unique_ptr<AgentProcess> process_;
  AgentHello hello_;
  uint64_t next_id_ = 1;
  std::map<uint64_t, std::string> outstanding_;  // id -> op, for error messages
  std::map<uint64_t, Reply> replies_;
  std::map<uint64_t, Clock::time_point> arrivals_;  // of the replies in replies_
  Clock::time_point last_reply_arrival_{};
  std::vector<MonitorEvent> events_;
  std::vector<std::string> transcript_;
  bool failed_ = false;
  bool killed_ = false;
};

}  // namespace zconform
