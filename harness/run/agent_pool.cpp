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

std::map<std::string, AgentPool::StderrMark> AgentPool::stderr_marks() const {
  std::map<std::string, StderrMark> marks;
  for (const auto& [name, agent] : agents_) {
    if (agent) marks[name] = {agent.get(), agent->stderr_written()};
  }
  return marks;
}

std::string AgentPool::stderr_since(const std::map<std::string, StderrMark>& marks) const {
  std::string text;
  for (const auto& [name, agent] : agents_) {
    if (!agent) continue;
    auto mark = marks.find(name);
    const size_t from =
        mark != marks.end() && mark->second.agent == agent.get() ? mark->second.written : 0;
    std::string fresh = agent->stderr_since(from);
    if (fresh.empty()) continue;
    if (fresh.back() != '\n') fresh += '\n';
    size_t start = 0;
    for (size_t end; (end = fresh.find('\n', start)) != std::string::npos; start = end + 1)
      text += name + ": " + fresh.substr(start, end - start) + "\n";
  }
  return text;
}

void AgentPool::shut_down_all() {
  for (auto& [name, agent] : agents_) {
    if (agent) agent->shut_down(Clock::now() + std::chrono::seconds(2));
  }
  agents_.clear();
}

}  // namespace zconform
