#include "poll_operation.hpp"

#include <zmq.h>

#include "errors.hpp"
#include "request_fields.hpp"

namespace zconform::libzmq_agent {
namespace {

short event_bit(const Json& name) {
  if (name == "POLLIN") return ZMQ_POLLIN;
  if (name == "POLLOUT") return ZMQ_POLLOUT;
  if (name == "POLLERR") return ZMQ_POLLERR;
  throw BadRequest("poll events are POLLIN, POLLOUT or POLLERR, not " + name.dump());
}

Json event_names(short bits) {
  Json names = Json::array();
  if (bits & ZMQ_POLLIN) names.push_back("POLLIN");
  if (bits & ZMQ_POLLOUT) names.push_back("POLLOUT");
  if (bits & ZMQ_POLLERR) names.push_back("POLLERR");
  return names;
}

const Json& items_of(const Json& args) {
  const Json& items = required_field(args, "items");
  if (!items.is_array() || items.empty())
    throw BadRequest("'items' is a non-empty list of {socket, events}");
  return items;
}

}  // namespace

std::vector<std::string> poll_handles(const Json& args) {
  std::vector<std::string> handles;
  for (const Json& item : items_of(args)) {
    if (!item.is_object()) throw BadRequest("each poll item is {socket, events}");
    handles.push_back(required_string(item, "socket"));
  }
  return handles;
}

Json poll_sockets(const Json& args, const BorrowedSockets& sockets) {
  std::vector<zmq_pollitem_t> items;
  for (const Json& item : items_of(args)) {
    const Json& events = required_field(item, "events");
    if (!events.is_array()) throw BadRequest("'events' lists POLLIN, POLLOUT, POLLERR");
    short bits = 0;
    for (const Json& name : events) bits |= event_bit(name);
    items.push_back(zmq_pollitem_t{sockets.socket(required_string(item, "socket")), 0, bits, 0});
  }
  const long timeout = static_cast<long>(optional_integer(args, "timeout_ms").value_or(-1));
  const int count = zmq_poll(items.data(), static_cast<int>(items.size()), timeout);
  if (count < 0) throw ZmqError(zmq_errno());
  Json reported = Json::array();
  const Json& requested = items_of(args);
  for (size_t i = 0; i < items.size(); ++i) {
    reported.push_back(
        {{"socket", requested[i]["socket"]}, {"events", event_names(items[i].revents)}});
  }
  return Json{{"items", reported}, {"count", count}};
}

}  // namespace zconform::libzmq_agent
