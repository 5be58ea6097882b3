#pragma once
// The WebSocket opening handshake of ZWS 2.0 (RFC 6455 4, RFC 45, TR-05), both sides: the HTTP
// GET a client sends with the ZWS subprotocols it offers, and the 101 answer that picks one. The
// HTTP heads are parsed by Boost.Beast; this file decides what a ZWS peer must find in them.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zconform::zmtp {

// ZWS 2.0's subprotocol for a security mechanism: "ZWS2.0/NULL", "ZWS2.0/PLAIN", ...
std::string zws_subprotocol(std::string_view mechanism);

// The status code of an HTTP response head ("HTTP/1.1 400 ..." -> 400), 0 when there is none.
int http_status(std::string_view head);

// The offset just past the blank line that ends an HTTP head, or npos while it is incomplete.
size_t http_head_end(std::string_view buffered);

// Sec-WebSocket-Accept for a Sec-WebSocket-Key (RFC 6455 4.2.2: base64 of SHA-1 of key+GUID).
std::string ws_accept_for(std::string_view key);

// The client's GET: `host` ("127.0.0.1:5555"), `target` ("/path"), a key, the subprotocols offered
// in order of preference.
std::string ws_upgrade_request(std::string_view host, std::string_view target, std::string_view key,
                               const std::vector<std::string>& protocols);
// A server's 101 answer picking `protocol`.
std::string ws_upgrade_response(std::string_view key, std::string_view protocol);

struct WsUpgradeRequest {
  std::string target;
  std::string key;
  std::vector<std::string> protocols;  // Sec-WebSocket-Protocol, split at commas, trimmed
};
// The request's fields, or nullopt with `error` naming what RFC 6455 4.2.1 requires and is missing
// or wrong (method, HTTP version, Upgrade, Connection, Sec-WebSocket-Version, Sec-WebSocket-Key).
std::optional<WsUpgradeRequest> parse_ws_upgrade_request(std::string_view head, std::string& error);

struct WsUpgradeResponse {
  int status = 0;
  std::string protocol;  // Sec-WebSocket-Protocol
};
// The answer, or nullopt with `error` when it is no valid switch to WebSocket for `key` (RFC 6455
// 4.1: status 101, Upgrade, Connection, the accept value).
std::optional<WsUpgradeResponse> parse_ws_upgrade_response(std::string_view head,
                                                           std::string_view key,
                                                           std::string& error);

}  // namespace zconform::zmtp
