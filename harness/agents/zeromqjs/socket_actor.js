"use strict";
// One socket and the requests that name it. Requests on one socket run in the order received, as
// PROTOCOL.md asks, by chaining them on one promise; requests on different sockets interleave on
// Node's event loop. zeromq.js allows one pending send and one pending receive per socket, which
// the chain also guarantees.
const {AgentError, Unsupported, badRequest, line} = require("../node/replies");
const {setOption, getOption} = require("./options");
const {decodeBase64} = require("../node/request_fields");
const {eventValue} = require("./event_values");


// zeromq.js's event types, named as libzmq's monitor events (PROTOCOL.md "Events").
const EVENT_NAMES = {
  "accept": "ACCEPTED", "accept:error": "ACCEPT_FAILED", "bind": "LISTENING",
  "bind:error": "BIND_FAILED", "connect": "CONNECTED", "connect:delay": "CONNECT_DELAYED",
  "connect:retry": "CONNECT_RETRIED", "close": "CLOSED", "close:error": "CLOSE_FAILED",
  "disconnect": "DISCONNECTED", "end": "MONITOR_STOPPED", "handshake": "HANDSHAKE_SUCCEEDED",
  "handshake:error:protocol": "HANDSHAKE_FAILED_PROTOCOL",
  "handshake:error:auth": "HANDSHAKE_FAILED_AUTH",
  "handshake:error:other": "HANDSHAKE_FAILED_NO_DETAIL",
};

function framesOf(request) {
  const frames = request.frames;
  if (!Array.isArray(frames) || frames.length === 0) {
    throw badRequest("field 'frames' must be a non-empty list");
  }
  return frames.map((f, i) => decodeBase64(f, `frame ${i}`));
}

// A draft type's message properties (PROTOCOL.md "Draft socket types") as zeromq.js's send
// options: {routingId} for a SERVER, {group} for a RADIO; undefined when there are none.
function sendOptionsOf(request) {
  const options = {};
  if (request.routing_id !== undefined) {
    const id = request.routing_id;
    if (!Number.isInteger(id) || id < 0 || id > 0xFFFFFFFF) throw badRequest("field 'routing_id' must be a 32-bit unsigned integer");
    options.routingId = id;
  }
  if (request.group !== undefined) options.group = groupOf(request);
  return Object.keys(options).length ? options : undefined;
}

function groupOf(request) {
  if (typeof request.group !== "string") throw badRequest("field 'group' must be a string");
  return request.group;
}

// zeromq.js returns a SERVER's and a DISH's message as [frame, {routingId} or {group}].
function receivedReply(parts) {
  const last = parts[parts.length - 1];
  const properties = last !== undefined && !(last instanceof Uint8Array) ? parts.pop() : {};
  const result = {frames: parts.map((f) => Buffer.from(f).toString("base64"))};
  if (properties.routingId !== undefined) result.routing_id = properties.routingId;
  if (properties.group !== undefined) result.group = Buffer.from(properties.group).toString("utf8");
  return result;
}

function endpointOf(request) {
  if (typeof request.endpoint !== "string") throw badRequest("field 'endpoint' must be a string");
  return request.endpoint;
}

// The wait a send or recv request asks for, as zeromq.js's timeout option: undefined keeps the
// socket's own SNDTIMEO/RCVTIMEO (a plain blocking call), 0 is DONTWAIT.
function timeoutOf(request, dontwait) {
  if (dontwait) return 0;
  const t = request.timeout_ms;
  if (t === undefined || t === null) return undefined;
  if (!Number.isInteger(t)) throw badRequest("field 'timeout_ms' must be an integer");
  return t < 0 ? undefined : t;
}

// zeromq.js's typed API gives a socket class only the calls its type allows (Push is not
// Readable: no receiveTimeout, and its inherited receive() would wait forever). libzmq's ENOTSUP
// cannot be reached through it, so the case is UNSUPPORTED rather than passed or failed.
function requireCall(socket, method, timeoutProperty) {
  if (!(timeoutProperty in socket)) {
    throw new Unsupported(`zeromq.js's ${socket.constructor.name} offers no ${method}()`);
  }
}

// Runs `call` with the socket's timeout property set to `timeout` for its duration only.
async function withTimeout(socket, property, timeout, call) {
  if (timeout === undefined) return call();
  const saved = socket[property];
  socket[property] = timeout;
  try {
    return await call();
  } finally {
    if (!socket.closed) socket[property] = saved;
  }
}

class SocketActor {
  constructor(handle, context, socket) {
    this.handle = handle;
    this.context = context;
    this.socket = socket;
    this.tail = Promise.resolve();
    this.monitoring = false;
  }

  // Lends the socket to an operation over several sockets (a proxy): `use(socket)` runs once the
  // requests queued before it are done, and later requests wait until its promise settles.
  lend(use) {
    const run = this.tail.then(() => {
      if (this.socket.closed) throw new AgentError("ENOTSOCK", `socket ${this.handle} is closed`);
      return use(this.socket);
    });
    this.tail = run.catch(() => {});
    return run;
  }

  // Queues `request` behind this socket's earlier ones; resolves to the reply's result fields.
  post(request) {
    const run = this.tail.then(() => this.execute(request));
    this.tail = run.catch(() => {});
    return run;
  }

  async execute(request) {
    const s = this.socket;
    if (s.closed) throw new AgentError("ENOTSOCK", `socket ${this.handle} is closed`);
    switch (request.op) {
      case "close":
        s.close();
        return {};
      case "monitor":
        this.startMonitor();
        return {};
      case "setsockopt":
        setOption(s, request.option, request.value);
        return {};
      case "getsockopt":
        return {value: getOption(s, request.option)};
      case "bind":
        await s.bind(endpointOf(request));
        return {endpoint: s.lastEndpoint};
      case "unbind":
        await s.unbind(endpointOf(request));
        return {};
      case "connect":
        s.connect(endpointOf(request));
        return {};
      case "disconnect":
        s.disconnect(endpointOf(request));
        return {};
      case "send": {
        const frames = framesOf(request);
        const options = sendOptionsOf(request);
        requireCall(s, "send", "sendTimeout");
        await withTimeout(s, "sendTimeout", timeoutOf(request, request.dontwait === true),
                          () => options ? s.send(frames, options) : s.send(frames));
        return {};
      }
      case "recv": {
        requireCall(s, "receive", "receiveTimeout");
        const parts = await withTimeout(s, "receiveTimeout", timeoutOf(request, false),
                                        () => s.receive());
        return receivedReply(parts);
      }
      case "join":
      case "leave": {
        // libzmq's zmq_join/zmq_leave on another type than DISH fail with ENOTSUP.
        if (typeof s[request.op] !== "function") {
          throw new AgentError("ENOTSUP", `zeromq.js's ${s.constructor.name} has no ${request.op}()`);
        }
        s[request.op](groupOf(request));
        return {};
      }
      default:
        throw badRequest(`operation '${request.op}' is not a socket operation`);
    }
  }

  // Events are read as they come, for the socket's whole life; a second request keeps this one.
  startMonitor() {
    if (this.monitoring) return;
    this.monitoring = true;
    const events = this.socket.events;
    (async () => {
      for await (const event of events) {
        const name = EVENT_NAMES[event.type] || `EVENT_${event.type}`;
        const value = eventValue(event);
        line({event: "monitor", socket: this.handle, name, value, endpoint: event.address ?? ""});
      }
      // The iterator ends when the socket closes: zeromq.js reports that as its `end` event.
    })().catch((e) => process.stderr.write(`zeromqjs agent: monitor of ${this.handle}: ${e}\n`));
  }
}

module.exports = {SocketActor, EVENT_NAMES};
