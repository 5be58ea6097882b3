#pragma once
// Keeps one live agent per implementation across cases, and replaces an agent that broke.
#include <map>
#include <memory>
#include <string>

#include "agent/agent_client.hpp"

namespace zconform {

class AgentPool {
 public:
  explicit AgentPool(std::chrono::milliseconds hello_timeout) : hello_timeout_(hello_timeout) {}
  ~AgentPool() { shut_down_all(); }

  // The running agent for `impl`, started (with its hello) if there is none or the last one broke.
  // `instance` tells apart several processes of one implementation (roles in separate processes).
  // Throws AgentFailure when the agent cannot be started or its hello is bad.
  AgentClient& get(const Implementation& impl, const std::string& instance = "");

  void shut_down_all();

  // Where each live agent's stderr stands, and what the agents wrote after those marks (an agent
  // started since: all it wrote), each line prefixed with the agent's name: one case's stderr.
  struct StderrMark {
    const AgentClient* agent;
    size_t written;
  };
  std::map<std::string, StderrMark> stderr_marks() const;
  std::string stderr_since(const std::map<std::string, StderrMark>& marks) const;

  // What each implementation's agent said in its last hello (for the report header).
  const std::map<std::string, AgentHello>& hellos() const { return hellos_; }
  int restarts() const { return restarts_; }  // after failures, not after kill steps

 private:
  std::chrono::milliseconds hello_timeout_;
  std::map<std::string, std::unique_ptr<AgentClient>> agents_;
  std::map<std::string, AgentHello> hellos_;
  int restarts_ = 0;
};

}  // namespace zconform
