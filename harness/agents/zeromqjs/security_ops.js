"use strict";
// The security operations of PROTOCOL.md with zeromq.js: curve_keypair, curve_public, and the ZAP
// handlers by context handle (zap_handler, zap_release, zap_requests).
const zmq = require("zeromq");
const {AgentError, Unsupported, badRequest} = require("../node/replies");
const {ZapHandler} = require("./zap_handler");

function curveKeypair() {
  // zeromq.js's curveKeyPair() is zmq_curve_keypair, Z85 text (src/module.cc CurveKeyPair).
  if (!zmq.capability.curve) throw new Unsupported("this zeromq.js's libzmq is built without CURVE");
  const {publicKey, secretKey} = zmq.curveKeyPair();
  return {public: publicKey, secret: secretKey};
}

function curvePublic() {
  throw new Unsupported("zeromq.js exports no zmq_curve_public (lib/index.d.ts: curveKeyPair only)");
}

class ZapHandlers {
  constructor() {
    this.handlers = new Map();  // by context handle, kept after the context ends for zap_requests
  }

  start(handle, context, answers) {
    const handler = new ZapHandler(context, answers);
    handler.start();
    this.handlers.set(handle, handler);
    return {};
  }

  async release(handle, timeoutMs = 5000) {
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 0) throw badRequest("field 'timeout_ms' must be a non-negative integer");
    const handler = this.handlers.get(handle);
    if (!handler) throw new AgentError("EFAULT", "no ZAP handler in that context");
    return {released: await handler.release(timeoutMs)};
  }

  requests(handle) {
    return {requests: this.handlers.get(handle)?.records() ?? []};
  }

  has(handle) {
    return this.handlers.has(handle);
  }

  // The context `handle` is let go of: its handler ends.
  stop(handle) {
    this.handlers.get(handle)?.stop();
  }
}

module.exports = {curveKeypair, curvePublic, ZapHandlers};
