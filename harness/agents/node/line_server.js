"use strict";
// The request side of PROTOCOL.md for the Node.js agents: one JSON request per line on stdin. A
// line that is not JSON, or has no positive integer id, cannot be answered: it is reported on
// stderr and skipped, and the agent keeps serving. `bye` ends the process; so does the end of
// stdin, without waiting for calls still blocked in the implementation.
const readline = require("readline");
const {line} = require("./replies");

function serve(agentName, handle) {
  const input = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
  input.on("line", (text) => {
    if (!text.trim()) return;
    let request;
    try {
      request = JSON.parse(text);
    } catch (e) {
      process.stderr.write(`${agentName} agent: ignoring a line that is not JSON: ${e.message}\n`);
      return;
    }
    const id = request?.id;
    if (!Number.isSafeInteger(id) || id <= 0) {
      process.stderr.write(`${agentName} agent: ignoring a request without a positive integer id\n`);
      return;
    }
    if (typeof request.op !== "string") {
      line({id, status: "error", error: "EBADREQUEST", message: "field 'op' must be a string"});
    } else if (request.op === "bye") {
      line({id, status: "ok"});
      process.exit(0);
    } else {
      handle(request);
    }
  });
  input.on("close", () => process.exit(0));
}

module.exports = {serve};
