"use strict";
// Lines to the driver (PROTOCOL.md) from the Node.js agents: replies and events, one JSON object
// per line. Node runs one thread, so a line is written whole; errors travel as errno names, which
// zeromq.js already gives in `code` (EAGAIN, EFSM, ETERM, EHOSTUNREACH, ...).

class Unsupported extends Error {}  // the implementation cannot do this: UNSUPPORTED, not a failure

class AgentError extends Error {  // an error with an errno name the driver compares
  constructor(name, message) {
    super(message);
    this.errnoName = name;
  }
}

const badRequest = (message) => new AgentError("EBADREQUEST", message);

function line(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

function errorReply(id, e) {
  if (e instanceof Unsupported) return {id, status: "unsupported", reason: e.message};
  if (e instanceof AgentError) return {id, status: "error", error: e.errnoName, message: e.message};
  // zeromq.js errors carry the errno name in `code`; its argument checks throw TypeError.
  if (typeof e?.code === "string" && /^E[A-Z0-9]+$/.test(e.code)) {
    return {id, status: "error", error: e.code, message: e.message};
  }
  if (e instanceof TypeError || e instanceof RangeError) {
    return {id, status: "error", error: "EINVAL", message: e.message};
  }
  return {id, status: "error", error: "EINTERNAL", message: `agent error: ${e?.stack || e}`};
}

// Runs `operation` (sync or async) and writes its one reply: ok with its fields, or the error.
async function reply(id, operation) {
  try {
    const result = (await operation()) || {};
    line({id, status: "ok", ...result});
  } catch (e) {
    line(errorReply(id, e));
  }
}

module.exports = {AgentError, Unsupported, badRequest, line, reply};
