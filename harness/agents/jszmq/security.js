"use strict";
// Why PROTOCOL.md's security operations and options are UNSUPPORTED with jszmq 0.1.2: it has the
// NULL mechanism only. Its WebSocket asks for the subprotocol "ZWS2.0" alone (webSocketEndpoint.js:61;
// RFC 45's "ZWS2.0/PLAIN" and "ZWS2.0/CURVE" are never offered), its options are five
// (socketOptions.js), and nothing in it asks a ZAP handler or has a Z85 codec or CURVE keys.
const {Unsupported} = require("../node/replies");

const NULL_ONLY = "jszmq 0.1.2 has the NULL mechanism only (subprotocol ZWS2.0, webSocketEndpoint.js:61)";

const SECURITY_OPTIONS = new Set(["plain_server", "plain_username", "plain_password", "curve_server",
                                  "curve_publickey", "curve_secretkey", "curve_serverkey", "zap_domain",
                                  "zap_enforce_domain"]);

const OP_REASONS = {
  zap_handler: `${NULL_ONLY}: nothing in it asks a ZAP handler (RFC 27)`,
  zap_release: `${NULL_ONLY}: it has no ZAP handler to release`,
  zap_requests: `${NULL_ONLY}: it has no ZAP handler to ask`,
  curve_keypair: `${NULL_ONLY}: it has no CURVE keys (no zmq_curve_keypair)`,
  curve_public: `${NULL_ONLY}: it has no CURVE keys (no zmq_curve_public)`,
  z85_encode: "jszmq 0.1.2 has no Z85 codec (no zmq_z85_encode)",
  z85_decode: "jszmq 0.1.2 has no Z85 codec (no zmq_z85_decode)",
};

// Routes (agent_server.js extraRoutes) that answer each security operation with its reason.
const securityRoutes = Object.fromEntries(Object.entries(OP_REASONS).map(([op, reason]) => [
  op, () => { throw new Unsupported(reason); },
]));

// The reason an option is unsupported, when it is a security option; else null.
function securityOptionReason(option) {
  return SECURITY_OPTIONS.has(option) ? `${NULL_ONLY}: no option '${option}' (no PLAIN, CURVE or ZAP)` : null;
}

module.exports = {securityRoutes, securityOptionReason};
