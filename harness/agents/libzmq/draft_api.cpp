#include "draft_api.hpp"

#include <dlfcn.h>

namespace zconform::libzmq_agent {
namespace {

template <typename F>
bool find(F& function, const char* name) {
  function = reinterpret_cast<F>(::dlsym(RTLD_DEFAULT, name));
  return function != nullptr;
}

DraftApi load() {
  DraftApi api;
  const bool found = find(api.msg_set_routing_id, "zmq_msg_set_routing_id") &&
                     find(api.msg_routing_id, "zmq_msg_routing_id") &&
                     find(api.msg_set_group, "zmq_msg_set_group") &&
                     find(api.msg_group, "zmq_msg_group") && find(api.join, "zmq_join") &&
                     find(api.leave, "zmq_leave");
  api.available = found && zmq_has("draft") != 0;
  return api;
}

}  // namespace

const DraftApi& draft_api() {
  static const DraftApi api = load();
  return api;
}

}  // namespace zconform::libzmq_agent
