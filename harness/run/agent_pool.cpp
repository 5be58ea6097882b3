#include "run/agent_pool.hpp"

namespace zconform {

AgentClient& AgentPool::get(const Implementation& impl, const std::string& instance) {
  auto& slot = agents_[instance.empty() ? impl.name : impl.name + "#" + instance];
  if (slot && !slot->failed()) return *slot;
  if (slot && !slot->killed()) ++restarts_;
  slot.reset();
  auto agent = std::make_unique<AgentClient>(impl);
  hellos_[impl.name] = agent->handshake(Clock::now() + hello_timeout_);
  slot = std::move(agent);
  return *slot;
}

void AgentPool::shut_down_all() {
  for (auto& [name, agent] : agents_) {
    if (agent) agent->shut_down(Clock::now() + std::chrono::seconds(2));
  }
  agents_.clear();
}

}  // namespace zconform
