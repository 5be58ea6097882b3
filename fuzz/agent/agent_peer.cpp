#include "agent/agent_peer.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "agent/agent_client.hpp"
#include "agent/implementation.hpp"
#include "protocol/messages.hpp"

namespace zconform::fuzz {

namespace {

// How long an implementation may take to close a connection whose peer has finished sending,
// and to answer a request. Both take milliseconds; far more is a hang.
constexpr auto kDeadline = std::chrono::seconds(10);

Clock::time_point deadline() { return Clock::now() + kDeadline; }

std::filesystem::path env_path(const char* name, const std::filesystem::path& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::filesystem::path(value) : fallback;
}

}  // namespace

AgentPeer::AgentPeer(const std::string& implementation) : name_(implementation) {
  const std::filesystem::path source = ZCONFORM_SOURCE_DIR;
  PathVariables vars{env_path("ZCONFORM_BUILD_DIR", source / "build"), source};
  try {
    client_ = std::make_unique<AgentClient>(load_registered_implementation(
        source / "conformance/implementations", implementation, vars));
    client_->handshake(deadline());
    const Reply reply = client_->call("ctx_new", Json::object(), deadline());
    if (reply.status != ReplyStatus::ok)
      fail("ctx_new failed: " + reply.error + " " + reply.message);
    context_ = reply.body.at("ctx").get<std::string>();
  } catch (const std::exception& e) {
    fail(std::string("cannot start the agent: ") + e.what());
  }
}

AgentPeer::~AgentPeer() = default;

void AgentPeer::fail(const std::string& what) const {
  std::fprintf(stderr, "agent_peer (%s): %s\n", name_.c_str(), what.c_str());
  std::abort();
}

std::optional<AgentExchange> AgentPeer::play(const SocketKind& kind, Conversation& conversation) {
  // CURVE's handshake needs a live exchange (the cookie), which only the in-process engine target
  // plays (libzmq/curve_peer.hpp); here such an input is not played, as for a missing type.
  if (kind.mechanism == Mechanism::curve) return std::nullopt;
  try {
    Reply reply = client_->call("socket", {{"ctx", context_}, {"type", kind.name}}, deadline());
    if (reply.status == ReplyStatus::unsupported) return std::nullopt;
    if (reply.status != ReplyStatus::ok)
      fail("socket " + std::string(kind.name) + ": " + reply.error);
    const std::string socket = reply.body.at("socket").get<std::string>();
    auto set = [&](const char* option, const Json& value) {
      const Reply r = client_->call(
          "setsockopt", {{"socket", socket}, {"option", option}, {"value", value}}, deadline());
      return r.status == ReplyStatus::ok;
    };
    bool usable =
        set("linger", 0) && set("rcvhwm", 0);  // rcvhwm 0: no limit, so it never stops reading
    if (kind.mechanism == Mechanism::plain) usable = usable && set("plain_server", true);
    if (std::string_view(kind.name) == "SUB") usable = usable && set("subscribe", "");
    if (!usable) {
      client_->call("close", {{"socket", socket}}, deadline());
      return std::nullopt;
    }
    reply =
        client_->call("bind", {{"socket", socket}, {"endpoint", "tcp://127.0.0.1:*"}}, deadline());
    if (reply.status != ReplyStatus::ok) fail("bind: " + reply.error + " " + reply.message);
    const std::string endpoint = reply.body.at("endpoint").get<std::string>();
    const int port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));

    AgentExchange exchange;
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
      fail("connect to " + endpoint + ": " + std::strerror(errno));
    // Write in the conversation's steps, read and half-close, without waiting on a full buffer
    // either way.
    ConversationPlayer player(conversation);
    bool shut = false;
    const auto until = deadline();
    while (!exchange.closed_by_peer) {
      if (player.done() && !shut) {
        ::shutdown(fd, SHUT_WR);
        shut = true;
      }
      const std::string_view unwritten = player.unwritten();
      pollfd item{fd, static_cast<short>(POLLIN | (unwritten.empty() ? 0 : POLLOUT)), 0};
      ::poll(&item, 1, 100);
      if (item.revents & POLLOUT) {
        const ssize_t n =
            ::send(fd, unwritten.data(), unwritten.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0)
          player.wrote(static_cast<size_t>(n));
        else if (n < 0 && errno != EAGAIN)
          player.stop_writing();  // it closed first
      }
      if (item.revents & (POLLIN | POLLERR | POLLHUP)) {
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0) {
          exchange.bytes_from_peer += static_cast<size_t>(n);
          player.received(std::string_view(buffer, static_cast<size_t>(n)));
        } else if (n == 0 || errno != EAGAIN) {
          exchange.closed_by_peer = true;
        }
      }
      exchange.handshake_unanswered = player.awaiting();
      if (Clock::now() > until) break;  // left open: the caller's oracle decides
    }
    ::close(fd);

    // What the application received: whole messages, until there is none (PUB receives nothing).
    while (std::string_view(kind.name) != "PUB") {
      reply = client_->call("recv", {{"socket", socket}, {"timeout_ms", 0}}, deadline());
      if (reply.status != ReplyStatus::ok) break;
      const protocol::Frames frames = protocol::frames_from_json(reply.body.at("frames"), "frames");
      exchange.delivered.emplace_back(frames.begin(), frames.end());
      // A REP takes the next request once it has replied: the reply exercises the way out.
      if (std::string_view(kind.name) == "REP")
        client_->call("send",
                      {{"socket", socket},
                       {"frames", protocol::frames_to_json({frames.back()})},
                       {"dontwait", true}},
                      deadline());
    }
    if (std::string_view(kind.name) != "PUB" && reply.error != "EAGAIN")
      fail("recv: " + reply.error + " " + reply.message);
    client_->call("close", {{"socket", socket}}, deadline());
    return exchange;
  } catch (const std::exception& e) {
    fail(e.what());
  }
}

}  // namespace zconform::fuzz
