"use strict";
// The few options jszmq 0.1.2 has (socketOptions.js: immediate, routingId, reconnectInterval,
// xpubVerbose, recvRoutingId) plus subscriptions, under libzmq's names (PROTOCOL.md "Options").
// Every other option is UNSUPPORTED: jszmq has no high-water marks, no linger, no timeouts.
const {AgentError, Unsupported} = require("../node/replies");
const {decodeBase64} = require("../node/request_fields");
const {refusal} = require("./errors");
const {securityOptionReason} = require("./security");

function expect(value, type, option) {
  if (typeof value !== type) throw new AgentError("EINVAL", `option '${option}' takes a ${type}`);
  return value;
}

// option name -> [read(socket), write(socket, value)]
const OPTIONS = {
  routing_id: [(s) => Buffer.from(s.options.routingId).toString("base64"),
               (s, v) => { s.options.routingId = decodeBase64(v, "routing_id"); }],
  immediate: [(s) => s.options.immediate,
              (s, v) => { s.options.immediate = expect(v, "boolean", "immediate"); }],
  reconnect_ivl: [(s) => s.options.reconnectInterval,
                  (s, v) => { s.options.reconnectInterval = expect(v, "number", "reconnect_ivl"); }],
  xpub_verbose: [(s) => s.options.xpubVerbose,
                 (s, v) => { s.options.xpubVerbose = expect(v, "boolean", "xpub_verbose"); }],
  subscribe: [null, (s, v) => s.subscribe(decodeBase64(v, "subscribe"))],
  unsubscribe: [null, (s, v) => s.unsubscribe(decodeBase64(v, "unsubscribe"))],
};

function lookup(option, index, verb) {
  const entry = OPTIONS[option];
  const security = securityOptionReason(option);
  if (security) throw new Unsupported(security);
  if (!entry || !entry[index]) throw new Unsupported(`jszmq cannot ${verb} option '${option}'`);
  return entry[index];
}

function setOption(socket, option, value) {
  const write = lookup(option, 1, "set");
  try {
    write(socket, value);
  } catch (e) {
    if (e instanceof AgentError) throw e;
    // libzmq refuses a bad setsockopt with EINVAL (e.g. subscribe on a socket that is no SUB).
    throw new AgentError("EINVAL", refusal(e, `setsockopt ${option}`).message);
  }
}

function getOption(socket, option, type) {
  if (option === "type") return type;
  return lookup(option, 0, "read")(socket);
}

module.exports = {OPTIONS, setOption, getOption};
