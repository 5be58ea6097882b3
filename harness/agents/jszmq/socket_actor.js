"use strict";
// One jszmq socket and the requests that name it, run in the order received (PROTOCOL.md). jszmq
// has no recv call: a socket emits 'message' events, queued here for `recv`. Its sends never
// block or fail for want of a peer (it queues them, unbounded), so timeouts only bound receives.
const http = require("http");
const {AgentError, Unsupported, badRequest} = require("../node/replies");
const {refusal} = require("./errors");
const {decodeBase64} = require("../node/request_fields");
const {setOption, getOption} = require("./options");

// ZMQ_TYPE's numbers (zmq.h), for getsockopt type.
const TYPE_NUMBERS = {PAIR: 0, PUB: 1, SUB: 2, REQ: 3, REP: 4, DEALER: 5, ROUTER: 6, PULL: 7,
                      PUSH: 8, XPUB: 9, XSUB: 10};
// Types whose jszmq class never emits 'message' (push.js and pub.js drop what comes in).
const SEND_ONLY = new Set(["PUSH", "PUB"]);

function endpointOf(request) {
  if (typeof request.endpoint !== "string") throw badRequest("field 'endpoint' must be a string");
  return request.endpoint;
}

// ws://HOST:PORT[/path], PORT a number or * (any free port).
function parseWs(endpoint) {
  const m = /^ws:\/\/(\[[0-9a-fA-F:.]+\]|[^:/]+):(\*|\d+)(\/.*)?$/.exec(endpoint);
  if (!m) return null;
  return {host: m[1].replace(/^\[|\]$/g, ""), hostText: m[1], port: m[2] === "*" ? 0 : Number(m[2]),
          path: m[3] || ""};
}

// An HTTP server of the agent's own for each bind: jszmq's own would listen on every interface
// (webSocketListener.js:86-89 passes only a port to ws), and it cannot report the port of a wildcard
// bind. jszmq handles the upgrades on it (bind(address, server)).
function listen(host, port) {
  return new Promise((resolve, reject) => {
    const server = http.createServer((req, res) => { res.writeHead(426); res.end(); });
    server.once("error", reject);
    server.listen(port, host, () => {
      server.removeListener("error", reject);
      resolve(server);
    });
  });
}

class SocketActor {
  constructor(handle, type, socket) {
    this.handle = handle;
    this.type = type;
    this.socket = socket;
    this.closed = false;
    this.tail = Promise.resolve();
    this.inbox = [];  // messages emitted and not yet received
    this.waiter = null;  // the pending recv: {resolve, timer}
    this.servers = new Map();  // bound endpoint -> http server
    this.lastEndpoint = "";
    this.turn = type === "REP" ? "recv" : type === "REQ" ? "send" : null;  // REQ-01, REP-01
    socket.on("message", (...frames) => {
      this.inbox.push(frames);
      this.wake();
    });
  }

  post(request) {
    const run = this.tail.then(() => this.execute(request));
    this.tail = run.catch(() => {});
    return run;
  }

  wake() {
    if (!this.waiter || this.inbox.length === 0) return;
    const {resolve, timer} = this.waiter;
    this.waiter = null;
    clearTimeout(timer);
    resolve(this.inbox.shift());
  }

  async execute(request) {
    if (this.closed) throw new AgentError("ENOTSOCK", `socket ${this.handle} is closed`);
    const s = this.socket;
    switch (request.op) {
      case "close":
        return this.close();
      case "monitor":
        return {};  // jszmq reports no events: hello's monitor_events is empty
      case "setsockopt":
        setOption(s, request.option, request.value);
        return {};
      case "getsockopt":
        if (request.option === "last_endpoint") return {value: this.lastEndpoint};
        return {value: getOption(s, request.option, TYPE_NUMBERS[this.type])};
      case "bind":
        return this.bind(endpointOf(request));
      case "unbind":
        return this.unbind(endpointOf(request));
      case "connect":
        this.guard("connect", () => s.connect(endpointOf(request)));
        return {};
      case "disconnect":
        this.guard("disconnect", () => s.disconnect(endpointOf(request)));
        return {};
      case "send": {
        if (!Array.isArray(request.frames) || request.frames.length === 0)
          throw badRequest("field 'frames' must be a non-empty list");
        const frames = request.frames.map((f, i) => decodeBase64(f, `frame ${i}`));
        this.guard("send", () => s.send(frames));
        if (this.turn) this.turn = "recv";
        return {};
      }
      case "recv":
        return this.receive(request);
      default:
        throw badRequest(`operation '${request.op}' is not a socket operation`);
    }
  }

  guard(what, call) {
    try {
      return call();
    } catch (e) {
      throw refusal(e, what);
    }
  }

  async bind(endpoint) {
    const ws = parseWs(endpoint);
    if (!ws) {
      this.guard("bind", () => this.socket.bind(endpoint));  // jszmq's own refusal of the scheme
      throw new AgentError("EINVAL", `bind: '${endpoint}' is no ws://host:port endpoint`);
    }
    let server;
    try {
      server = await listen(ws.host, ws.port);
    } catch (e) {
      throw refusal(e, "bind");
    }
    const resolved = `ws://${ws.hostText}:${server.address().port}${ws.path}`;
    try {
      this.socket.bind(resolved, server);
    } catch (e) {
      server.close();
      throw refusal(e, "bind");
    }
    this.servers.set(resolved, server);
    this.lastEndpoint = resolved;
    return {endpoint: resolved};
  }

  unbind(endpoint) {
    this.guard("unbind", () => this.socket.unbind(endpoint));  // jszmq ignores unknown ones
    const server = this.servers.get(endpoint);
    if (server) {
      this.servers.delete(endpoint);
      server.close();
    }
    return {};
  }

  close() {
    this.closed = true;
    this.guard("close", () => this.socket.close());
    for (const server of this.servers.values()) server.close();
    this.servers.clear();
    if (this.waiter) {
      const {reject, timer} = this.waiter;
      this.waiter = null;
      clearTimeout(timer);
      reject(new AgentError("ENOTSOCK", `socket ${this.handle} closed during recv`));
    }
    return {};
  }

  receive(request) {
    if (SEND_ONLY.has(this.type)) {
      throw new Unsupported(`jszmq has no recv call, and its ${this.type} never emits a message ` +
                            "(libzmq's ENOTSUP cannot be reached through it)");
    }
    // A REQ or REP keeps its turn in jszmq's own state, but with no recv call there is nothing to
    // refuse an out-of-turn receive (libzmq's EFSM): the agent, which tracks the turn the calls
    // it made imply, says so rather than wait for a message that cannot come.
    if (this.turn === "send") {
      throw new Unsupported(`jszmq has no recv call that could refuse a receive on a ${this.type} ` +
                            "whose turn is to send (libzmq: EFSM)");
    }
    const t = request.timeout_ms;
    if (t !== undefined && t !== null && !Number.isInteger(t))
      throw badRequest("field 'timeout_ms' must be an integer");
    if (this.inbox.length > 0) return this.received(this.inbox.shift());
    if (t === 0) throw new AgentError("EAGAIN", "no message queued");
    // The timer is the request's own deadline (timeout_ms, libzmq's RCVTIMEO), not a wait for its
    // own sake: the first 'message' event answers the recv at once and clears it (wake()).
    return new Promise((resolve, reject) => {
      const timer = t === undefined || t === null || t < 0
                        ? null
                        : setTimeout(() => {
                            this.waiter = null;
                            reject(new AgentError("EAGAIN", `no message within ${t} ms`));
                          }, t);
      this.waiter = {resolve: (frames) => resolve(this.received(frames)), reject, timer};
    });
  }

  received(frames) {
    if (this.turn) this.turn = "send";
    return {frames: frames.map((f) => Buffer.from(f).toString("base64"))};
  }
}

module.exports = {SocketActor};
