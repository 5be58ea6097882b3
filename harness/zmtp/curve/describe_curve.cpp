#include "zmtp/curve/describe_curve.hpp"

#include "zmtp/curve/commands.hpp"
#include "zmtp/describe.hpp"

namespace zconform::zmtp::curve {
namespace {

std::string octets(std::string_view body) {
  return " (" + std::to_string(body.size()) + " octets)";
}

}  // namespace

std::optional<std::string> describe_curve_command(std::string_view body) {
  const std::string name = command_name(body);
  std::string error;
  const std::string head = "COMMAND CURVE " + name;
  if (name == "HELLO") {
    auto hello = parse_hello(body, error);
    if (!hello) return head + " <malformed: " + error + ">" + octets(body);
    const bool zero = hello->padding == std::string(hello->padding.size(), '\0');
    return head + " version " + std::to_string(hello->major) + "." + std::to_string(hello->minor) +
           " nonce " + std::to_string(hello->nonce) + " C'=" + hex(hello->client_transient, 4) +
           (zero ? "" : " padding NOT ZERO") + octets(body);
  }
  if (name == "WELCOME") {
    auto welcome = parse_welcome(body, error);
    if (!welcome) return head + " <malformed: " + error + ">" + octets(body);
    return head + " box=" + hex(welcome->box, 4) + octets(body);
  }
  if (name == "INITIATE") {
    auto initiate = parse_initiate(body, error);
    if (!initiate) return head + " <malformed: " + error + ">" + octets(body);
    return head + " nonce " + std::to_string(initiate->nonce) +
           " cookie=" + hex(initiate->cookie, 4) + " box of " +
           std::to_string(initiate->box.size()) + " octets" + octets(body);
  }
  if (name == "READY") {
    auto ready = parse_ready(body, error);
    if (!ready) return head + " <malformed: " + error + ">" + octets(body);
    return head + " nonce " + std::to_string(ready->nonce) + " box of " +
           std::to_string(ready->box.size()) + " octets" + octets(body);
  }
  return std::nullopt;
}

}  // namespace zconform::zmtp::curve
