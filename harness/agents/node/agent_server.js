"use strict";
// The request routing the Node.js agents share (PROTOCOL.md): context and socket requests go to
// the agent's own methods, socket operations to the socket's actor (which runs them in the order
// received), anything else is `unsupported`.
const {AgentError, line, reply} = require("./replies");
const {serve} = require("./line_server");

const SOCKET_OPS = new Set(["close", "setsockopt", "getsockopt", "bind", "connect", "unbind",
                            "disconnect", "send", "recv", "monitor"]);

// `agent` has hello(), ctxNew(request), ctxEnd(request) (ctx_term and ctx_shutdown),
// openSocket(request) and `sockets`: a Map from handle to an actor with post(request); it may list
// more socket operations its actors know in `extraSocketOps` (zeromq.js: join, leave), and
// operations of its own in `extraRoutes` (zeromq.js: proxy). `name` prefixes the agent's stderr
// lines, `label` names it in replies.
function serveAgent(name, agent, label = name) {
  const socketOps = new Set([...SOCKET_OPS, ...(agent.extraSocketOps ?? [])]);
  const forward = (request) => {
    const actor = agent.sockets.get(request.socket);
    if (!actor) throw new AgentError("ENOTSOCK", `no open socket '${request.socket}'`);
    const result = actor.post(request);
    // A closed socket leaves the table (zeromq.js: a context with none open can serve again).
    if (request.op === "close") result.then(() => agent.sockets.delete(request.socket), () => {});
    return result;
  };
  const routes = {
    hello: () => agent.hello(),
    ctx_new: (request) => agent.ctxNew(request),
    ctx_term: (request) => agent.ctxEnd(request),
    ctx_shutdown: (request) => agent.ctxEnd(request),
    socket: (request) => agent.openSocket(request),
    ...(agent.extraRoutes ?? {}),
  };
  serve(name, (request) => {
    const {id, op} = request;
    const route = Object.hasOwn(routes, op) ? routes[op] : socketOps.has(op) ? forward : null;
    if (route) {
      reply(id, () => route(request));
    } else {
      line({id, status: "unsupported", reason: `operation '${op}' is not supported by the ${label} agent`});
    }
  });
}

module.exports = {serveAgent};
