#include "errors.hpp"

#include <new>
#include <zmq.hpp>

#include "errno_names.hpp"

namespace zconform::libzmq_agent {

namespace {

std::string describe(int number, const std::string& detail) {
  std::string text = zmq_strerror(number);
  if (!detail.empty()) text += ": " + detail;
  return text;
}

std::string error_reply(uint64_t id, int number, const std::string& message) {
  std::string name = errno_name(number);
  // An unmapped number keeps its value in the text, so the driver's report still shows it.
  if (name == "EUNKNOWN")
    return protocol::encode_error(id, name, "errno " + std::to_string(number) + ": " + message);
  return protocol::encode_error(id, name, message);
}

}  // namespace

ZmqError::ZmqError(int number, const std::string& detail)
    : std::runtime_error(describe(number, detail)), number_(number) {}

std::string reply_line(uint64_t id, const std::function<Json()>& operation) {
  try {
    return protocol::encode_ok(id, operation());
  } catch (const ZmqError& error) {
    return error_reply(id, error.number(), error.what());
  } catch (const zmq::error_t& error) {
    return error_reply(id, error.num(), error.what());
  } catch (const Unsupported& unsupported) {
    return protocol::encode_unsupported(id, unsupported.what());
  } catch (const BadRequest& bad) {
    return protocol::encode_error(id, "EBADREQUEST", bad.what());
  } catch (const protocol::ProtocolError& bad) {
    return protocol::encode_error(id, "EBADREQUEST", bad.what());
  } catch (const Json::exception& bad) {
    // A JSON accessor met a value of an unexpected type: the request's fault, not libzmq's.
    return protocol::encode_error(id, "EBADREQUEST", bad.what());
  } catch (const std::bad_alloc&) {
    return protocol::encode_error(id, "ENOMEM", "the agent ran out of memory");
  } catch (const std::exception& error) {
    return protocol::encode_error(id, "EINTERNAL",
                                  std::string("agent internal error: ") + error.what());
  } catch (...) {
    return protocol::encode_error(id, "EINTERNAL", "agent internal error: unknown exception");
  }
}

std::string reply_for_current_exception(uint64_t id) {
  return reply_line(id, []() -> Json { throw; });
}

}  // namespace zconform::libzmq_agent
