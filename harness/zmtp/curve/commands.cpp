#include "zmtp/curve/commands.hpp"

#include "zmtp/curve/nonces.hpp"
#include "zmtp/network_order.hpp"

namespace zconform::zmtp::curve {
namespace {

std::string named(std::string_view name) {
  std::string body(1, static_cast<char>(name.size()));
  body += name;
  return body;
}

// The command's data after its name, if the body carries that name.
std::optional<std::string_view> data_of(std::string_view body, std::string_view name,
                                        std::string& error) {
  const std::string head = named(name);
  if (body.substr(0, head.size()) != head) {
    error = "expected " + std::string(name) + ", got " +
            (command_name(body).empty() ? "no command name" : command_name(body));
    return std::nullopt;
  }
  return body.substr(head.size());
}

bool size_is(std::string_view body, std::string_view name, size_t size, bool at_least,
             std::string& error) {
  if (at_least ? body.size() >= size : body.size() == size) return true;
  error = std::string(name) + " of " + std::to_string(body.size()) + " octets, not " +
          (at_least ? "at least " : "") + std::to_string(size) + " (CURVE-01)";
  return false;
}

}  // namespace

std::string encode_hello(const Hello& hello) {
  std::string body = named("HELLO");
  body += static_cast<char>(hello.major);
  body += static_cast<char>(hello.minor);
  body += hello.padding;
  body += hello.client_transient;
  detail::append_be(body, hello.nonce, kShortNonceSize);
  body += hello.signature_box;
  return body;
}

std::string encode_welcome(const Welcome& welcome) {
  return named("WELCOME") + welcome.nonce + welcome.box;
}

std::string encode_initiate(const Initiate& initiate) {
  std::string body = named("INITIATE") + initiate.cookie;
  detail::append_be(body, initiate.nonce, kShortNonceSize);
  return body + initiate.box;
}

std::string encode_ready(const NonceAndBox& ready) {
  std::string body = named("READY");
  detail::append_be(body, ready.nonce, kShortNonceSize);
  return body + ready.box;
}

std::string encode_message(const NonceAndBox& message) {
  std::string body = named("MESSAGE");
  detail::append_be(body, message.nonce, kShortNonceSize);
  return body + message.box;
}

std::optional<Hello> parse_hello(std::string_view body, std::string& error) {
  auto data = data_of(body, "HELLO", error);
  if (!data || !size_is(body, "HELLO", kHelloSize, false, error)) return std::nullopt;
  Hello hello;
  hello.major = static_cast<uint8_t>((*data)[0]);
  hello.minor = static_cast<uint8_t>((*data)[1]);
  hello.padding = std::string(data->substr(2, 72));
  hello.client_transient = std::string(data->substr(74, 32));
  hello.nonce = detail::read_be(*data, 106, kShortNonceSize);
  hello.signature_box = std::string(data->substr(114, 80));
  return hello;
}

std::optional<Welcome> parse_welcome(std::string_view body, std::string& error) {
  auto data = data_of(body, "WELCOME", error);
  if (!data || !size_is(body, "WELCOME", kWelcomeSize, false, error)) return std::nullopt;
  return Welcome{std::string(data->substr(0, kLongNonceSize)),
                 std::string(data->substr(kLongNonceSize))};
}

std::optional<Initiate> parse_initiate(std::string_view body, std::string& error) {
  auto data = data_of(body, "INITIATE", error);
  if (!data || !size_is(body, "INITIATE", kInitiateMinSize, true, error)) return std::nullopt;
  Initiate initiate;
  initiate.cookie = std::string(data->substr(0, kCookieSize));
  initiate.nonce = detail::read_be(*data, kCookieSize, kShortNonceSize);
  initiate.box = std::string(data->substr(kCookieSize + kShortNonceSize));
  return initiate;
}

namespace {
std::optional<NonceAndBox> parse_nonce_and_box(std::string_view body, std::string_view name,
                                               size_t min_size, std::string& error) {
  auto data = data_of(body, name, error);
  if (!data || !size_is(body, name, min_size, true, error)) return std::nullopt;
  return NonceAndBox{detail::read_be(*data, 0, kShortNonceSize),
                     std::string(data->substr(kShortNonceSize))};
}
}  // namespace

std::optional<NonceAndBox> parse_ready(std::string_view body, std::string& error) {
  return parse_nonce_and_box(body, "READY", kReadyMinSize, error);
}

std::optional<NonceAndBox> parse_message(std::string_view body, std::string& error) {
  return parse_nonce_and_box(body, "MESSAGE", kMessageMinSize, error);
}

std::string command_name(std::string_view body) {
  if (body.empty()) return "";
  const size_t length = static_cast<uint8_t>(body[0]);
  if (length == 0 || body.size() < 1 + length) return "";
  return std::string(body.substr(1, length));
}

}  // namespace zconform::zmtp::curve
