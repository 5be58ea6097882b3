"use strict";
// zconform's agent for zeromq.js (harness/agents/PROTOCOL.md): JSON lines on stdin and stdout.
// The npm package comes from build/agents/node (scripts/setup installs it from the lockfile in
// harness/agents/node); the implementation file points NODE_PATH there. Contexts and sockets' table
// live here, sockets in socket_actor.js, option values in options.js; the JSON lines in and out
// and their routing are ../node/agent_server.js and ../node/replies.js, shared with jszmq's agent.
const path = require("path");

const zmq = require("zeromq");
// The draft socket classes, where the bundled libzmq has them (it prints a warning on stderr).
const draft = zmq.capability.draft ? require("zeromq/draft") : {};
const {AgentError, Unsupported, badRequest} = require("../node/replies");
const {serveAgent} = require("../node/agent_server");
const {OPTIONS} = require("./options");
const {SocketActor, EVENT_NAMES} = require("./socket_actor");
const {curveKeypair, curvePublic, ZapHandlers} = require("./security_ops");

const PROTOCOL_VERSION = 2;
const SOCKET_CLASSES = {
  PAIR: "Pair", PUB: "Publisher", SUB: "Subscriber", REQ: "Request", REP: "Reply",
  DEALER: "Dealer", ROUTER: "Router", PULL: "Pull", PUSH: "Push", XPUB: "XPublisher",
  XSUB: "XSubscriber", STREAM: "Stream",
};
// zeromq.js has no PEER or CHANNEL class (lib/draft.d.ts), nor ZMQ_DGRAM's name among zconform's.
const DRAFT_CLASSES = {
  CLIENT: "Client", SERVER: "Server", RADIO: "Radio", DISH: "Dish", SCATTER: "Scatter",
  GATHER: "Gather",
};
const CONTEXT_OPTIONS = {
  io_threads: ["ioThreads", "number"], max_sockets: ["maxSockets", "number"],
  blocky: ["blocky", "boolean"], ipv6: ["ipv6", "boolean"],
};
const NO_CONTEXT_END = "zeromq.js has no zmq_ctx_term or zmq_ctx_shutdown: its contexts are never " +
                       "terminated";

function packageVersion() {
  const main = require.resolve("zeromq");  // .../node_modules/zeromq/lib/index.js
  return require(path.join(main, "..", "..", "package.json")).version;
}

function transports() {
  // zeromq.js bundles its own libzmq: ws is built in (a bind says so), ipc per its capability list.
  const found = ["tcp", "inproc", "ws"];
  if (zmq.capability.ipc) found.push("ipc");
  if (zmq.capability.draft) found.push("udp");  // RADIO and DISH only
  return found;
}

function draftClasses() {
  return zmq.capability.draft ? DRAFT_CLASSES : {};
}

class Agent {
  constructor() {
    this.contexts = new Map();
    this.released = new Set();  // handles of contexts let go by ctx_term, still known by name
    this.spares = new Map();  // options signature -> contexts let go of with no socket open
    this.sockets = new Map();
    this.nextContext = 1;
    this.nextSocket = 1;
    this.extraSocketOps = ["join", "leave"];
    this.zapHandlers = new ZapHandlers();
    this.extraRoutes = {
      proxy: (request) => this.proxy(request),
      curve_keypair: curveKeypair,
      curve_public: curvePublic,
      zap_handler: (request) => this.zapHandlers.start(request.ctx, this.context(request), request.answers),
      zap_release: (request) => this.zapHandlers.release(request.ctx, request.timeout_ms ?? 5000),
      zap_requests: (request) => this.zapHandlers.requests(request.ctx),
    };
  }

  // zmq.Proxy between two sockets the agent holds, answered when it ends. zeromq.js's Proxy has no
  // capture socket and is steered by method calls, not by a control socket: those are UNSUPPORTED.
  // It borrows both sockets: each one's actor waits until the proxy is over.
  proxy(request) {
    if (request.capture != null) throw new Unsupported("zeromq.js's Proxy has no capture socket");
    if (request.control != null) {
      throw new Unsupported("zeromq.js's Proxy is steered by pause()/resume()/terminate(), not by a control socket");
    }
    const actors = [request.frontend, request.backend].map((handle) => {
      const actor = this.sockets.get(handle);
      if (!actor) throw new AgentError("ENOTSOCK", `no open socket '${handle}'`);
      return actor;
    });
    let over;  // called when the proxy ends: it gives the sockets back
    const ended = new Promise((resolve) => { over = resolve; });
    const handed = actors.map((actor) => new Promise((resolve, reject) => {
      actor.lend((socket) => { resolve(socket); return ended; }).catch(reject);
    }));
    return Promise.all(handed).then(([frontend, backend]) => new zmq.Proxy(frontend, backend).run())
      .then(() => ({}))
      .finally(() => over());
  }

  hello() {
    return {
      name: "zeromq.js",
      version: `${packageVersion()} (libzmq ${zmq.version})`,
      protocol: PROTOCOL_VERSION,
      capabilities: {
        socket_types: [...Object.keys(SOCKET_CLASSES), ...Object.keys(draftClasses())].sort(),
        transports: transports(),
        options: Object.keys(OPTIONS).sort(),
        monitor_events: Object.values(EVENT_NAMES).sort(),
        draft: Boolean(zmq.capability.draft),
      },
    };
  }

  context(request) {
    const entry = this.contexts.get(request.ctx);
    if (!entry) throw new AgentError("EFAULT", `no live context '${request.ctx}'`);
    return entry.context;
  }

  ctxNew(request) {
    const given = request.options ?? {};
    if (typeof given !== "object" || Array.isArray(given)) throw badRequest("field 'options' must be an object");
    const settings = {};
    for (const [name, value] of Object.entries(given)) {
      const known = CONTEXT_OPTIONS[name];
      if (!known) throw new Unsupported(`context option '${name}' is not supported by the zeromq.js agent`);
      if (typeof value !== known[1]) throw new AgentError("EINVAL", `context option '${name}' takes a ${known[1]}`);
      settings[known[0]] = value;
    }
    const handle = `c${this.nextContext++}`;
    const signature = JSON.stringify(Object.entries(settings).sort());
    const context = this.spare(signature).pop() || new zmq.Context(settings);
    this.contexts.set(handle, {context, signature});
    return {ctx: handle};
  }

  // The driver ends every case with ctx_term; the agent answers that this is not zmq_ctx_term.
  // zeromq.js never terminates a context, not even once it is garbage-collected: each one keeps
  // its I/O thread and five file descriptors, and a case per context would exhaust them (EMFILE in
  // libzmq's epoll) after a few thousand cases. A context let go of with no socket open is kept
  // for the next ctx_new with the same options, as an application would keep one context.
  ctxEnd(request) {
    if (!this.released.has(request.ctx)) this.context(request);
    const entry = this.contexts.get(request.ctx);
    if (request.op === "ctx_term" && entry) {
      this.contexts.delete(request.ctx);
      this.released.add(request.ctx);
      const open = [...this.sockets.values()].some((actor) => actor.context === entry.context);
      // Not a context with a socket limit: libzmq frees a closed socket's place only once its
      // reaper has run, so the next case could find the limit still reached (EMFILE).
      const limited = entry.signature.includes("maxSockets");
      // Nor a context that had a ZAP handler: its endpoint is freed only once libzmq's reaper has
      // run (see zap_handler.js stop), and the next case's handler would find it taken. Such a
      // context is left unused, one per case with a handler (a hundred or so in a whole run).
      const hadHandler = this.zapHandlers.has(request.ctx);
      this.zapHandlers.stop(request.ctx);
      if (!open && !limited && !hadHandler) this.spare(entry.signature).push(entry.context);
    }
    throw new Unsupported(NO_CONTEXT_END);
  }

  spare(signature) {
    if (!this.spares.has(signature)) this.spares.set(signature, []);
    return this.spares.get(signature);
  }

  openSocket(request) {
    const context = this.context(request);
    const className = SOCKET_CLASSES[request.type];
    const draftName = draftClasses()[request.type];
    const SocketClass = className ? zmq[className] : draftName ? draft[draftName] : undefined;
    if (!SocketClass) throw new Unsupported(`socket type '${request.type}' is not supported by the zeromq.js agent`);
    const handle = `s${this.nextSocket++}`;
    this.sockets.set(handle, new SocketActor(handle, context, new SocketClass({context})));
    return {socket: handle};
  }
}

const agent = new Agent();
serveAgent("zeromqjs", agent, "zeromq.js");
