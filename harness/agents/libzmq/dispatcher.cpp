#include "dispatcher.hpp"

#include <zmq.h>

#include <cstdio>
#include <iterator>
#include <optional>
#include <thread>

#include "borrowed_sockets.hpp"
#include "capabilities.hpp"
#include "curve_key_operation.hpp"
#include "errors.hpp"
#include "poll_operation.hpp"
#include "proxy_operation.hpp"
#include "request_fields.hpp"
#include "socket_session.hpp"
#include "socket_types.hpp"
#include "z85_operation.hpp"
#include "zap_answers.hpp"

namespace zconform::libzmq_agent {

using protocol::Json;
using protocol::Request;

namespace {

// The id of a line that parse_request rejected, if it has one: then the driver can still be
// told what was wrong with it instead of waiting for a reply that never comes.
std::optional<uint64_t> salvage_id(std::string_view line) {
  Json object = Json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (!object.is_object()) return std::nullopt;
  auto it = object.find("id");
  if (it == object.end() || !it->is_number_unsigned() || it->get<uint64_t>() == 0) {
    return std::nullopt;
  }
  return it->get<uint64_t>();
}

}  // namespace

void Dispatcher::dispatch(std::string_view line) {
  Request request;
  try {
    request = protocol::parse_request(line);
  } catch (const std::exception& error) {
    if (auto id = salvage_id(line)) {
      out_.write_line(protocol::encode_error(*id, "EBADREQUEST", error.what()));
    } else {
      std::fprintf(stderr, "zconform-agent-libzmq: ignoring request without an id: %s\n",
                   error.what());
    }
    return;
  }
  const uint64_t id = request.id;
  try {
    reap_finished_actors();
    route(std::move(request));
  } catch (...) {
    // route() answers its own failures; this is the last guard (e.g. no thread could be
    // started), so that the request still gets its one reply.
    out_.write_line(reply_for_current_exception(id));
  }
}

void Dispatcher::route(Request request) {
  const std::string& op = request.op;
  if (op == "hello") {
    out_.write_line(reply_line(request.id, [] { return hello_result(); }));
  } else if (op == "ctx_new") {
    out_.write_line(reply_line(request.id, [&] {
      auto options = request.args.find("options");
      const Json* given = options == request.args.end() ? nullptr : &*options;
      return Json{{"ctx", contexts_->create(given)->handle()}};
    }));
  } else if (op == "ctx_shutdown") {
    out_.write_line(reply_line(request.id, [&] {
      contexts_->find(required_string(request.args, "ctx"))->shutdown();
      return Json::object();
    }));
  } else if (op == "ctx_term") {
    terminate_context_in_background(request);
  } else if (op == "z85_encode" || op == "z85_decode") {
    out_.write_line(reply_line(request.id, [&] {
      return op == "z85_encode" ? z85_encode(request.args) : z85_decode(request.args);
    }));
  } else if (op == "curve_keypair" || op == "curve_public") {
    out_.write_line(reply_line(request.id, [&] {
      return op == "curve_keypair" ? curve_keypair() : curve_public(request.args);
    }));
  } else if (op == "zap_handler") {
    out_.write_line(reply_line(request.id, [&] { return start_zap_handler(request.args); }));
  } else if (op == "zap_release") {
    release_zap_answers_in_background(request);
  } else if (op == "zap_requests") {
    out_.write_line(reply_line(request.id, [&] {
      auto handler = find_zap_handler(request.args);
      return Json{{"requests", handler ? handler->requests() : Json::array()}};
    }));
  } else if (op == "poll" || op == "proxy") {
    borrow_sockets_in_background(request);
  } else if (op == "socket") {
    open_socket(request);
  } else if (SocketSession::handles(op)) {
    forward_to_socket(std::move(request));
  } else if (op == "bye") {
    out_.exit(0, protocol::encode_ok(request.id));
  } else {
    out_.write_line(protocol::encode_unsupported(
        request.id, "operation '" + op + "' is not supported by the libzmq agent"));
  }
}

void Dispatcher::open_socket(const Request& request) {
  std::shared_ptr<ContextEntry> context;
  const SocketTypeSpec* type = nullptr;
  try {
    context = contexts_->find(required_string(request.args, "ctx"));
    std::string type_name = required_string(request.args, "type");
    type = find_socket_type(type_name);
    if (type == nullptr) throw Unsupported("socket type '" + type_name + "' is not supported");
  } catch (...) {
    out_.write_line(reply_for_current_exception(request.id));
    return;
  }
  // The handle is taken even if creation fails, so handles are never reused.
  std::string handle = "s" + std::to_string(next_socket_number_++);
  actors_[handle] =
      std::make_unique<SocketActor>(handle, std::move(context), *type, request.id, out_);
}

void Dispatcher::forward_to_socket(Request request) {
  const uint64_t id = request.id;
  try {
    std::string handle = required_string(request.args, "socket");
    auto it = actors_.find(handle);
    // From here on the actor owes the reply.
    if (it == actors_.end() || !it->second->post(std::move(request))) {
      throw ZmqError(ENOTSOCK, "no open socket '" + handle + "'");
    }
  } catch (...) {
    out_.write_line(reply_for_current_exception(id));
  }
}

void Dispatcher::terminate_context_in_background(const Request& request) {
  std::shared_ptr<ContextEntry> context;
  try {
    context = contexts_->find(required_string(request.args, "ctx"));
  } catch (...) {
    out_.write_line(reply_for_current_exception(request.id));
    return;
  }
  // Detached: zmq_ctx_term may block for as long as sockets stay open, possibly until the agent
  // exits (which it does with _Exit, never waiting for this thread). Everything the thread uses
  // is held by shared_ptr or lives for the whole process (the writer).
  std::thread([id = request.id, context, contexts = contexts_, &out = out_] {
    out.write_line(reply_line(id, [&] {
      context->terminate();
      contexts->forget(context->handle());
      return Json::object();
    }));
  }).detach();
}

void Dispatcher::borrow_sockets_in_background(const Request& request) {
  const bool poll = request.op == "poll";
  std::shared_ptr<BorrowedSockets> sockets;
  try {
    auto handles = poll ? poll_handles(request.args) : proxy_handles(request.args);
    sockets = std::make_shared<BorrowedSockets>(handles, actors_);
  } catch (...) {
    out_.write_line(reply_for_current_exception(request.id));
    return;
  }
  // Detached for the reason ctx_term's thread is: a proxy lasts until its context ends.
  std::thread([request, poll, sockets, &out = out_]() mutable {
    out.write_line(reply_line(request.id, [&] {
      sockets->await_all();
      return poll ? poll_sockets(request.args, *sockets) : run_proxy(request.args, *sockets);
    }));
    sockets.reset();  // gives the sockets back to their actors
  }).detach();
}

Json Dispatcher::start_zap_handler(const Json& args) {
  for (auto it = zap_handlers_.begin(); it != zap_handlers_.end();) {
    it = it->second->finished() ? zap_handlers_.erase(it) : std::next(it);
  }
  const std::string ctx = required_string(args, "ctx");
  auto context = contexts_->find(ctx);
  auto handler = std::make_shared<ZapHandler>(std::move(context),
                                              parse_zap_answers(required_field(args, "answers")));
  zap_handlers_[ctx] = std::move(handler);
  return Json::object();
}

std::shared_ptr<ZapHandler> Dispatcher::find_zap_handler(const Json& args) const {
  auto it = zap_handlers_.find(required_string(args, "ctx"));
  return it == zap_handlers_.end() ? nullptr : it->second;
}

void Dispatcher::release_zap_answers_in_background(const Request& request) {
  std::shared_ptr<ZapHandler> handler;
  try {
    handler = find_zap_handler(request.args);
    if (!handler) throw ZmqError(EFAULT, "no ZAP handler in that context");
  } catch (...) {
    out_.write_line(reply_for_current_exception(request.id));
    return;
  }
  const auto timeout =
      std::chrono::milliseconds(optional_integer(request.args, "timeout_ms").value_or(5000));
  // Detached for the reason ctx_term's thread is: it waits until a held answer exists.
  std::thread([id = request.id, handler, timeout, &out = out_] {
    out.write_line(reply_line(id, [&] { return Json{{"released", handler->release(timeout)}}; }));
  }).detach();
}

void Dispatcher::reap_finished_actors() {
  for (auto it = actors_.begin(); it != actors_.end();) {
    if (it->second->finished()) {
      it = actors_.erase(it);  // the destructor joins a thread that is returning
    } else {
      ++it;
    }
  }
}

}  // namespace zconform::libzmq_agent
