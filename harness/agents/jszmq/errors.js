"use strict";
// jszmq throws plain Errors, with no errno. These are the refusals it can make, by message, mapped
// to the errno name libzmq gives for the same refusal (PROTOCOL.md "Replies"); file:line is in
// jszmq 0.1.2's lib/src. Anything else it throws is reported as EINTERNAL with its message, so a
// new refusal shows up in the report instead of passing for a known one.
const {AgentError} = require("../node/replies");

const REFUSALS = [
  ["cannot send another request", "EFSM"],      // req.js:29, a REQ awaiting its reply (REQ-01)
  ["cannot send another reply", "EFSM"],        // rep.js:32, a REP with no request to answer
  ["unsupported transport", "EPROTONOSUPPORT"],  // socketBase.js:48 and :70, anything but ws://
  ["not a websocket address", "EINVAL"],         // webSocketListener.js:78
  ["not supported", "ENOTSUP"],                  // sub.js:49 send on a SUB; socketBase.js:102
  ["router message must include a routing key", "EINVAL"],  // router.js:69
];

// The AgentError for what jszmq threw during `what` (a bind, a send, ...).
function refusal(e, what) {
  const message = typeof e === "string" ? e : e?.message ?? String(e);
  if (typeof e?.code === "string" && /^E[A-Z0-9]+$/.test(e.code)) {
    return new AgentError(e.code, `${what}: ${message}`);  // from Node itself (EADDRINUSE, ...)
  }
  const known = REFUSALS.find(([text]) => message === text);
  if (known) return new AgentError(known[1], `${what}: jszmq threw "${message}"`);
  return new AgentError("EINTERNAL", `${what}: jszmq threw "${message}" (not a refusal the agent knows)`);
}

module.exports = {refusal};
