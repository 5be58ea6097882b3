"use strict";
// zconform's agent for jszmq (harness/agents/PROTOCOL.md), an independent JavaScript
// implementation of ZeroMQ over WebSocket only (ZWS 2.0). The npm package comes from
// build/agents/node (scripts/setup installs it from the lockfile in harness/agents/node).
// jszmq has no context, no monitor events, no options beyond a handful and no blocking calls: the
// agent states as much in hello, and whatever a case needs beyond it ends UNSUPPORTED.
const path = require("path");

const jszmq = require("jszmq");
const {AgentError, Unsupported} = require("../node/replies");
const {serveAgent} = require("../node/agent_server");
const {OPTIONS} = require("./options");
const {SocketActor} = require("./socket_actor");
const {securityRoutes} = require("./security");

const PROTOCOL_VERSION = 2;
const SOCKET_CLASSES = {
  PAIR: "Pair", PUB: "Pub", SUB: "Sub", REQ: "Req", REP: "Rep", DEALER: "Dealer",
  ROUTER: "Router", PULL: "Pull", PUSH: "Push", XPUB: "XPub", XSUB: "XSub",
};
const NO_CONTEXT = "jszmq has no context: there is no zmq_ctx_term or zmq_ctx_shutdown to call";

function packageVersion() {
  const main = require.resolve("jszmq");  // .../node_modules/jszmq/lib/src/index.js
  return require(path.join(main, "..", "..", "..", "package.json")).version;
}

class Agent {
  constructor() {
    this.contexts = new Set();  // handles only: the driver's unit of lifetime, nothing in jszmq
    this.sockets = new Map();
    this.nextContext = 1;
    this.nextSocket = 1;
    this.extraRoutes = securityRoutes;  // each one UNSUPPORTED, saying what jszmq lacks
  }

  hello() {
    return {
      name: "jszmq",
      version: packageVersion(),
      protocol: PROTOCOL_VERSION,
      capabilities: {
        socket_types: Object.keys(SOCKET_CLASSES).sort(),
        transports: ["ws"],
        options: [...Object.keys(OPTIONS), "last_endpoint", "type"].sort(),
        monitor_events: [],
        draft: false,
      },
    };
  }

  ctxNew(request) {
    const options = request.options ?? {};
    if (Object.keys(options).length > 0) {
      throw new Unsupported(`${NO_CONTEXT}, so no context option (${Object.keys(options).join(", ")})`);
    }
    const handle = `c${this.nextContext++}`;
    this.contexts.add(handle);
    return {ctx: handle};
  }

  ctxEnd(request) {
    if (!this.contexts.has(request.ctx)) throw new AgentError("EFAULT", `no live context '${request.ctx}'`);
    if (request.op === "ctx_term") this.contexts.delete(request.ctx);
    throw new Unsupported(NO_CONTEXT);
  }

  openSocket(request) {
    if (!this.contexts.has(request.ctx)) throw new AgentError("EFAULT", `no live context '${request.ctx}'`);
    const className = SOCKET_CLASSES[request.type];
    if (!className) throw new Unsupported(`jszmq has no socket type '${request.type}'`);
    const handle = `s${this.nextSocket++}`;
    this.sockets.set(handle, new SocketActor(handle, request.type, new jszmq[className]()));
    return {socket: handle};
  }
}

// jszmq 0.1.2 sets no error handler on its WebSocket (webSocketEndpoint.js:63-65 sets onopen,
// onclose and onmessage only). In a browser an error is an event nobody has to handle; under Node
// the `ws` package emits 'error', and with no listener that is an uncaught exception: a refused
// connect (ECONNREFUSED while a peer restarts, say) ends the whole process. An application has no
// hook for it either. The agent writes each one to stderr and carries on, as a browser would:
// 'close' follows, and jszmq's own reconnect logic runs.
// jszmq retries a refused connect every 100 ms: each distinct message is written once, so that
// the stderr tail a report shows is not all the same line.
const reported = new Set();
process.on("uncaughtException", (e) => {
  const message = `${e?.message || e}`;
  if (reported.has(message)) return;
  reported.add(message);
  process.stderr.write(`jszmq agent: uncaught error from jszmq (kept alive; repeats not shown): ${message}\n`);
});

const agent = new Agent();
serveAgent("jszmq", agent);
