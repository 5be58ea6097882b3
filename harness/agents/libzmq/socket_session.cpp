#include "socket_session.hpp"

#include <zmq.h>

#include <algorithm>
#include <array>

#include "draft_api.hpp"
#include "errors.hpp"
#include "message_io.hpp"
#include "option_table.hpp"
#include "protocol/base64.hpp"
#include "request_fields.hpp"
#include "socket_options.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;

namespace {

constexpr std::array<std::string_view, 13> kSocketOps{
    "close", "setsockopt", "getsockopt", "bind",    "connect", "unbind", "disconnect",
    "send",  "recv",       "recv_into",  "monitor", "join",    "leave"};

void require_draft_api(const std::string& what) {
  if (!draft_api().available)
    throw Unsupported(what + " needs libzmq's draft API, which this libzmq lacks");
}

const OptionSpec& requested_option(const Json& args) {
  std::string name = required_string(args, "option");
  const OptionSpec* option = find_option(name);
  if (option == nullptr) throw Unsupported("socket option '" + name + "' is not supported");
  return *option;
}

}  // namespace

bool SocketSession::handles(std::string_view op) {
  return std::find(kSocketOps.begin(), kSocketOps.end(), op) != kSocketOps.end();
}

Json SocketSession::open(const SocketTypeSpec& type) {
  try {
    socket_ = context_->with_context(
        [&](zmq::context_t& live) { return zmq::socket_t(live, type.zmq_type); });
  } catch (const zmq::error_t& error) {
    // zmq_socket's EINVAL means "no such type in this build": only possible for draft types.
    if (error.num() == EINVAL && type.draft) {
      throw Unsupported("socket type " + std::string(type.name) + " is not built into this libzmq");
    }
    throw;
  }
  type_ = type.name;
  return Json{{"socket", handle_}};
}

Json SocketSession::execute(const protocol::Request& request) {
  if (!socket_) throw ZmqError(ENOTSOCK, "socket " + handle_ + " is closed");
  zmq::socket_t& socket = *socket_;
  const Json& args = request.args;
  const std::string& op = request.op;

  if (op == "close") return close();
  if (op == "monitor") return start_monitor();
  if (op == "setsockopt") {
    const OptionSpec& option = requested_option(args);
    set_socket_option(socket, option, required_field(args, "value"));
    return Json::object();
  }
  if (op == "getsockopt") {
    return Json{{"value", get_socket_option(socket, requested_option(args))}};
  }
  if (op == "bind") {
    socket.bind(required_string(args, "endpoint"));
    // The resolved endpoint: a wildcard port or ipc path is replaced by the real one.
    return Json{{"endpoint", socket.get(zmq::sockopt::last_endpoint)}};
  }
  if (op == "connect") {
    socket.connect(required_string(args, "endpoint"));
    return Json::object();
  }
  if (op == "unbind") {
    socket.unbind(required_string(args, "endpoint"));
    return Json::object();
  }
  if (op == "disconnect") {
    socket.disconnect(required_string(args, "endpoint"));
    return Json::object();
  }
  if (op == "send") return send(args);
  if (op == "recv") return receive(args);
  if (op == "recv_into") return receive_into(args);
  if (op == "join" || op == "leave") return group_call(op, args);
  throw Unsupported("operation '" + op + "' is not supported on sockets");
}

Json SocketSession::send(const Json& args) {
  protocol::Frames frames = protocol::frames_from_json(required_field(args, "frames"), "frames");
  if (frames.empty()) throw BadRequest("field 'frames' must not be empty");
  Wait wait = optional_bool(args, "dontwait", false)
                  ? Wait::never()
                  : Wait::from_timeout(optional_integer(args, "timeout_ms"));
  MessageProperties properties;
  if (args.contains("routing_id")) {
    require_draft_api("a routing id on a message");
    const int64_t id = optional_integer(args, "routing_id").value_or(-1);
    if (id < 0 || id > UINT32_MAX)
      throw BadRequest("field 'routing_id' must be a 32-bit unsigned integer");
    properties.routing_id = static_cast<uint32_t>(id);
  }
  if (args.contains("group")) {
    require_draft_api("a group on a message");
    properties.group = required_string(args, "group");
  }
  send_message(*socket_, frames, wait, properties);
  return Json::object();
}

Json SocketSession::receive(const Json& args) {
  Wait wait = Wait::from_timeout(optional_integer(args, "timeout_ms"));
  PropertyKinds kinds;
  kinds.routing_id = type_ == "SERVER" || type_ == "PEER";
  kinds.group = type_ == "DISH";
  if (auto names = args.find("properties"); names != args.end() && !names->is_null()) {
    if (!names->is_array()) throw BadRequest("field 'properties' must be a list of names");
    for (const Json& name : *names) {
      if (!name.is_string()) throw BadRequest("field 'properties' must be a list of names");
      kinds.metadata.push_back(name.get<std::string>());
    }
  }
  ReceivedMessage message = receive_message(*socket_, wait, kinds);
  Json result{{"frames", protocol::frames_to_json(message.frames)}};
  if (!kinds.metadata.empty()) {
    Json properties = Json::object();
    for (const auto& [name, value] : message.metadata)
      properties[name] = value ? Json(*value) : Json(nullptr);
    result["properties"] = properties;
  }
  if (message.properties.routing_id) result["routing_id"] = *message.properties.routing_id;
  if (message.properties.group) result["group"] = *message.properties.group;
  return result;
}

Json SocketSession::receive_into(const Json& args) {
  const int64_t size = optional_integer(args, "size").value_or(-1);
  if (size < 0 || size > (1 << 24)) throw BadRequest("field 'size' must be 0..16777216");
  ReceivedInto got =
      libzmq_agent::receive_into(*socket_, static_cast<size_t>(size),
                                 Wait::from_timeout(optional_integer(args, "timeout_ms")));
  return {{"bytes", protocol::base64_encode(got.bytes)},
          {"message_size", got.message_size},
          {"more", got.more}};
}

Json SocketSession::group_call(const std::string& op, const Json& args) {
  require_draft_api(op);
  const std::string group = required_string(args, "group");
  const DraftApi& api = draft_api();
  if ((op == "join" ? api.join : api.leave)(socket_->handle(), group.c_str()) != 0)
    throw ZmqError(zmq_errno());
  return Json::object();
}

Json SocketSession::close() {
  // Stop the monitor first: once the socket is closed libzmq no longer reports MONITOR_STOPPED,
  // and the reader would wait forever.
  if (monitor_) {
    monitor_->stop(*socket_);
    monitor_.reset();
  }
  socket_->close();
  socket_.reset();
  return Json::object();
}

Json SocketSession::start_monitor() {
  // A second monitor request keeps the running one: restarting would end its event stream with
  // a MONITOR_STOPPED the driver did not ask for.
  if (!monitor_) monitor_ = std::make_unique<SocketMonitor>(*socket_, handle_, *context_, out_);
  return Json::object();
}

}  // namespace zconform::libzmq_agent
