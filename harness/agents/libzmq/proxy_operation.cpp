#include "proxy_operation.hpp"

#include <zmq.h>

#include <optional>

#include "errors.hpp"
#include "request_fields.hpp"

namespace zconform::libzmq_agent {
namespace {

std::optional<std::string> optional_handle(const Json& args, const char* field) {
  auto it = args.find(field);
  if (it == args.end() || it->is_null()) return std::nullopt;
  return required_string(args, field);
}

}  // namespace

std::vector<std::string> proxy_handles(const Json& args) {
  std::vector<std::string> handles{required_string(args, "frontend"),
                                   required_string(args, "backend")};
  for (const char* field : {"capture", "control"}) {
    if (auto handle = optional_handle(args, field)) handles.push_back(*handle);
  }
  return handles;
}

Json run_proxy(const Json& args, const BorrowedSockets& sockets) {
  void* frontend = sockets.socket(required_string(args, "frontend"));
  void* backend = sockets.socket(required_string(args, "backend"));
  auto capture = optional_handle(args, "capture");
  auto control = optional_handle(args, "control");
  void* capture_socket = capture ? sockets.socket(*capture) : nullptr;
  const int rc =
      control ? zmq_proxy_steerable(frontend, backend, capture_socket, sockets.socket(*control))
              : zmq_proxy(frontend, backend, capture_socket);
  if (rc != 0) throw ZmqError(zmq_errno());
  return Json::object();
}

}  // namespace zconform::libzmq_agent
