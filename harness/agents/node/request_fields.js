"use strict";
// Fields of a request (PROTOCOL.md) that the Node.js agents decode alike.
const {AgentError} = require("./replies");

// Frames and binary option values travel as base64; anything else is a bad request, never
// silently decoded into other bytes (Buffer.from ignores characters outside the alphabet).
function decodeBase64(text, what) {
  const bytes = typeof text === "string" ? Buffer.from(text, "base64") : null;
  if (!bytes || bytes.toString("base64") !== text) {
    throw new AgentError("EBADREQUEST", `${what} is not a base64 string`);
  }
  return bytes;
}

module.exports = {decodeBase64};
