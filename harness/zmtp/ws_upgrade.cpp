#include "zmtp/ws_upgrade.hpp"

#include <openssl/evp.h>

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/rfc7230.hpp>

#include "protocol/base64.hpp"

namespace zconform::zmtp {
namespace http = boost::beast::http;
namespace {

constexpr std::string_view kWebSocketGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

// Parses a complete head (http_head_end says where it ends) with Beast.
template <bool isRequest>
bool parse_head(http::parser<isRequest, http::empty_body>& parser, std::string_view head,
                std::string& error) {
  parser.eager(false);
  // A 101 answer has no body, but a GET may declare one; the head is all we read either way.
  parser.skip(true);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(head.data(), head.size()), ec);
  if (ec && ec != http::error::need_more) {
    error = "malformed HTTP head: " + ec.message();
    return false;
  }
  if (!parser.is_header_done()) {
    error = "incomplete HTTP head";
    return false;
  }
  return true;
}

// Beast (Boost 1.74) has its own string_view.
std::string_view std_view(boost::beast::string_view v) { return {v.data(), v.size()}; }

template <typename Message>
bool has_token(const Message& message, http::field field, std::string_view token) {
  for (auto t : http::token_list(message[field])) {
    if (boost::beast::iequals(t, boost::beast::string_view(token.data(), token.size())))
      return true;
  }
  return false;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::string zws_subprotocol(std::string_view mechanism) {
  return "ZWS2.0/" + std::string(mechanism);
}

int http_status(std::string_view head) {
  http::response_parser<http::empty_body> parser;
  std::string ignored;
  if (!parse_head(parser, head.substr(0, http_head_end(head)), ignored)) return 0;
  return static_cast<int>(parser.get().result_int());
}

size_t http_head_end(std::string_view buffered) {
  auto at = buffered.find("\r\n\r\n");
  return at == std::string_view::npos ? std::string_view::npos : at + 4;
}

std::string ws_accept_for(std::string_view key) {
  const std::string input = std::string(key) + std::string(kWebSocketGuid);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(input.data(), input.size(), digest, &length, EVP_sha1(), nullptr);
  return protocol::base64_encode(std::string_view(reinterpret_cast<char*>(digest), length));
}

std::string ws_upgrade_request(std::string_view host, std::string_view target, std::string_view key,
                               const std::vector<std::string>& protocols) {
  std::string offered;
  for (const auto& p : protocols) offered += (offered.empty() ? "" : ", ") + p;
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: " + std::string(host) +
         "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + std::string(key) +
         "\r\nSec-WebSocket-Protocol: " + offered + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
}

std::string ws_upgrade_response(std::string_view key, std::string_view protocol) {
  return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         "Sec-WebSocket-Accept: " +
         ws_accept_for(key) + "\r\nSec-WebSocket-Protocol: " + std::string(protocol) + "\r\n\r\n";
}

std::optional<WsUpgradeRequest> parse_ws_upgrade_request(std::string_view head,
                                                         std::string& error) {
  http::request_parser<http::empty_body> parser;
  if (!parse_head(parser, head, error)) return std::nullopt;
  const auto& request = parser.get();
  if (request.method() != http::verb::get) {
    error = "method " + std::string(request.method_string()) + ", not GET";
  } else if (request.version() < 11) {
    error = "HTTP version below 1.1";
  } else if (!has_token(request, http::field::upgrade, "websocket")) {
    error = "no 'Upgrade: websocket'";
  } else if (!has_token(request, http::field::connection, "upgrade")) {
    error = "no 'Connection: Upgrade'";
  } else if (request[http::field::sec_websocket_version] != "13") {
    error = "Sec-WebSocket-Version '" + std::string(request[http::field::sec_websocket_version]) +
            "', not 13";
  } else if (request[http::field::sec_websocket_key].empty()) {
    error = "no Sec-WebSocket-Key";
  }
  if (!error.empty()) return std::nullopt;
  WsUpgradeRequest out;
  out.target = std::string(request.target());
  out.key = std::string(request[http::field::sec_websocket_key]);
  std::string_view offered = std_view(request[http::field::sec_websocket_protocol]);
  while (!offered.empty()) {
    auto comma = offered.find(',');
    std::string one = trim(offered.substr(0, comma));
    if (!one.empty()) out.protocols.push_back(std::move(one));
    if (comma == std::string_view::npos) break;
    offered.remove_prefix(comma + 1);
  }
  return out;
}

std::optional<WsUpgradeResponse> parse_ws_upgrade_response(std::string_view head,
                                                           std::string_view key,
                                                           std::string& error) {
  http::response_parser<http::empty_body> parser;
  if (!parse_head(parser, head, error)) return std::nullopt;
  const auto& response = parser.get();
  WsUpgradeResponse out;
  out.status = static_cast<int>(response.result_int());
  out.protocol = trim(std_view(response[http::field::sec_websocket_protocol]));
  const std::string expected_accept = ws_accept_for(key);
  if (out.status != 101) {
    error =
        "status " + std::to_string(out.status) + " " + std::string(response.reason()) + ", not 101";
  } else if (!has_token(response, http::field::upgrade, "websocket")) {
    error = "no 'Upgrade: websocket'";
  } else if (!has_token(response, http::field::connection, "upgrade")) {
    error = "no 'Connection: Upgrade'";
  } else if (response[http::field::sec_websocket_accept] != expected_accept) {
    error = "Sec-WebSocket-Accept '" + std::string(response[http::field::sec_websocket_accept]) +
            "', expected '" + expected_accept + "'";
  }
  if (!error.empty()) return std::nullopt;
  return out;
}

}  // namespace zconform::zmtp
