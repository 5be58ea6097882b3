#include "agent/agent_client.hpp"

#include "protocol/messages.hpp"

namespace zconform {
namespace {

constexpr size_t kTranscriptLineChars = 400;
constexpr size_t kTranscriptMaxLines = 400;
constexpr auto kReapGrace = std::chrono::seconds(2);

std::set<std::string> string_set(const Json& capabilities, const char* field) {
  std::set<std::string> out;
  auto it = capabilities.find(field);
  if (it == capabilities.end() || !it->is_array()) {
    throw protocol::ProtocolError(std::string("hello capabilities lack a list '") + field + "'");
  }
  for (const auto& item : *it) {
    if (!item.is_string()) {
      throw protocol::ProtocolError(std::string("hello capabilities '") + field +
                                    "' must list strings");
    }
    out.insert(item.get<std::string>());
  }
  return out;
}

}  // namespace

AgentClient::AgentClient(const Implementation& impl) : impl_(impl) {
  try {
    process_ = std::make_unique<AgentProcess>(LaunchSpec{impl.argv, impl.env, impl.working_dir});
  } catch (const LaunchError& e) {
    failed_ = true;
    throw AgentFailure("implementation '" + impl.name + "' (" + impl.source_file.string() +
                       "): " + e.what());
  }
}

AgentClient::~AgentClient() = default;  // AgentProcess's destructor kills the group

void AgentClient::record(std::string_view direction, std::string_view line) {
  if (transcript_.size() >= kTranscriptMaxLines) return;
  std::string entry(direction);
  entry += ' ';
  entry += line.substr(0, kTranscriptLineChars);
  if (line.size() > kTranscriptLineChars)
    entry += "... (" + std::to_string(line.size()) + " bytes)";
  transcript_.push_back(std::move(entry));
  if (transcript_.size() == kTranscriptMaxLines) transcript_.push_back("(transcript truncated)");
}

std::vector<std::string> AgentClient::take_transcript() {
  std::vector<std::string> out;
  out.swap(transcript_);
  return out;
}

std::string AgentClient::describe_request(uint64_t id) const {
  auto it = outstanding_.find(id);
  return "request " + std::to_string(id) +
         (it != outstanding_.end() ? " (" + it->second + ")" : "");
}

void AgentClient::fail(const std::string& what) {
  failed_ = true;
  std::string message = what;
  if (!outstanding_.empty()) {
    std::string pending;
    for (const auto& [id, op] : outstanding_)
      pending += (pending.empty() ? "" : ", ") + describe_request(id);
    message += " (while serving " + pending + ")";
  }
  if (process_) {
    auto grace = Clock::now() + kReapGrace;
    auto status = process_->exit_status(grace);
    process_->kill_group();
    if (!status) status = process_->exit_status(grace);
    message += "; agent pid " + std::to_string(process_->pid()) + " " +
               (status ? status->describe() : std::string("did not end")) +
               ", process group killed";
    std::string tail = process_->stderr_tail(Clock::now() + kReapGrace);
    if (!tail.empty()) {
      if (tail.size() > 1000) tail = "..." + tail.substr(tail.size() - 1000);
      message += "; stderr tail: " + tail;
    }
  }
  throw AgentFailure(message);
}

uint64_t AgentClient::send(const std::string& op, Json args) {
  if (failed_) throw AgentFailure("agent already failed");
  uint64_t id = next_id_++;
  std::string line = protocol::encode_request(id, op, std::move(args));
  outstanding_[id] = op;
  record(">", line);
  if (!process_->write_line(line)) {
    fail("agent stopped reading its stdin before " + describe_request(id));
  }
  return id;
}

bool AgentClient::pump(Clock::time_point deadline) {
  std::string line;
  switch (process_->read_line(line, deadline)) {
    case AgentProcess::ReadResult::timeout: return false;
    case AgentProcess::ReadResult::closed: fail("agent closed its stdout");
    case AgentProcess::ReadResult::line: break;
  }
  record("<", line);
  protocol::AgentLine parsed;
  try {
    parsed = protocol::parse_agent_line(line);
  } catch (const protocol::ProtocolError& e) {
    fail(std::string("protocol error: ") + e.what());
  }
  if (auto* reply = std::get_if<Reply>(&parsed)) {
    if (!outstanding_.count(reply->id)) {
      fail("protocol error: reply to request " + std::to_string(reply->id) +
           ", which was never sent or was answered already: " + protocol::quote_line(line));
    }
    outstanding_.erase(reply->id);
    arrivals_[reply->id] = Clock::now();
    replies_[reply->id] = std::move(*reply);
    return true;
  }
  auto& event = std::get<protocol::Event>(parsed);
  if (event.kind == "monitor") {
    MonitorEvent m;
    try {
      const Json& b = event.body;
      m.socket = b.value("socket", "");
      m.name = b.value("name", "");
      m.value = b.value("value", int64_t{0});
      m.endpoint = b.value("endpoint", "");
    } catch (const Json::exception&) {
      m.name.clear();  // a field of the wrong type: reported below
    }
    if (m.socket.empty() || m.name.empty()) {
      fail("protocol error: malformed monitor event: " + protocol::quote_line(line));
    }
    events_.push_back(std::move(m));
  }
  // Other event kinds are for later protocol versions: kept in the transcript, otherwise ignored.
  return true;
}

Reply AgentClient::wait(uint64_t id, Clock::time_point deadline) {
  auto started = Clock::now();
  while (!replies_.count(id)) {
    if (failed_) throw AgentFailure("agent already failed");
    if (!pump(deadline)) {
      auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
      fail("agent did not answer within " + std::to_string(waited.count()) +
           " ms (the case deadline)");
    }
  }
  Reply reply = std::move(replies_[id]);
  replies_.erase(id);
  last_reply_arrival_ = arrivals_[id];
  arrivals_.erase(id);
  return reply;
}

std::optional<std::pair<uint64_t, Reply>> AgentClient::wait_any(const std::vector<uint64_t>& ids,
                                                                Clock::time_point deadline) {
  while (true) {
    for (uint64_t id : ids) {
      if (auto it = replies_.find(id); it != replies_.end()) {
        std::pair<uint64_t, Reply> answer{id, std::move(it->second)};
        replies_.erase(it);
        last_reply_arrival_ = arrivals_[id];
        arrivals_.erase(id);
        return answer;
      }
    }
    if (failed_) throw AgentFailure("agent already failed");
    if (!pump(deadline)) return std::nullopt;
  }
}

void AgentClient::kill() {
  killed_ = true;
  failed_ = true;
  if (process_) process_->kill_group();
}

bool AgentClient::wait_for_events(const std::function<bool(const std::vector<MonitorEvent>&)>& done,
                                  Clock::time_point deadline) {
  while (!done(events_)) {
    if (failed_) throw AgentFailure("agent already failed");
    if (!pump(deadline)) return false;
  }
  return true;
}

const AgentHello& AgentClient::handshake(Clock::time_point deadline) {
  Reply reply = call("hello", Json::object(), deadline);
  if (reply.status != ReplyStatus::ok) {
    fail("agent refused hello: " +
         (reply.status == ReplyStatus::error ? reply.error + " " + reply.message : reply.reason));
  }
  try {
    const Json& b = reply.body;
    if (!b.contains("name") || !b["name"].is_string())
      throw protocol::ProtocolError("hello reply lacks a string 'name'");
    hello_.name = b["name"].get<std::string>();
    hello_.version = b.value("version", "unknown");
    hello_.protocol =
        b.contains("protocol") && b["protocol"].is_number_integer() ? b["protocol"].get<int>() : 0;
    if (hello_.protocol < protocol::kOldestProtocolVersion ||
        hello_.protocol > protocol::kProtocolVersion) {
      throw protocol::ProtocolError("hello reply speaks protocol " +
                                    std::to_string(hello_.protocol) + ", zconform speaks " +
                                    std::to_string(protocol::kOldestProtocolVersion) + " to " +
                                    std::to_string(protocol::kProtocolVersion));
    }
    if (!b.contains("capabilities") || !b["capabilities"].is_object()) {
      throw protocol::ProtocolError("hello reply lacks an object 'capabilities'");
    }
    const Json& caps = b["capabilities"];
    hello_.socket_types = string_set(caps, "socket_types");
    hello_.transports = string_set(caps, "transports");
    hello_.options = string_set(caps, "options");
    hello_.draft = caps.value("draft", false);
    if (caps.contains("monitor_events")) hello_.monitor_events = string_set(caps, "monitor_events");
  } catch (const std::exception& e) {
    fail(std::string("protocol error: ") + e.what());
  }
  return hello_;
}

void AgentClient::shut_down(Clock::time_point deadline) {
  if (!failed_) {
    try {
      call("bye", Json::object(), deadline);
    } catch (const AgentFailure&) {
      return;  // already killed by fail()
    }
  }
  if (process_) process_->shut_down(deadline);
}

size_t AgentClient::stderr_written() const { return process_ ? process_->stderr_written() : 0; }

std::string AgentClient::stderr_since(size_t mark) const {
  return process_ ? process_->stderr_since(mark) : "";
}

}  // namespace zconform
