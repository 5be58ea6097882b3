"use strict";
// The socket options the agent knows, by protocol name (PROTOCOL.md "Options"). zeromq.js exposes
// options as properties, each only on the socket classes it documents (`mandatory` on Router, ...).
// The property is used where the socket has it, so the binding's own mapping is what gets tested;
// elsewhere zeromq.js's generic accessors call zmq_setsockopt with libzmq's number, so a socket
// type that should refuse an option says so itself (EINVAL) instead of the agent guessing.
const zmq = require("zeromq");
const {AgentError, Unsupported} = require("../node/replies");
const {decodeBase64} = require("../node/request_fields");

const INT32 = "int32", INT64 = "int64", BOOLEAN = "boolean", BINARY = "binary", TEXT = "text";

// name: [libzmq option number (zmq.h), value type, zeromq.js property or null]
const OPTIONS = {
  linger: [17, INT32, "linger"],
  sndhwm: [23, INT32, "sendHighWaterMark"],
  rcvhwm: [24, INT32, "receiveHighWaterMark"],
  sndtimeo: [28, INT32, "sendTimeout"],
  rcvtimeo: [27, INT32, "receiveTimeout"],
  sndbuf: [11, INT32, "sendBufferSize"],
  rcvbuf: [12, INT32, "receiveBufferSize"],
  reconnect_ivl: [18, INT32, "reconnectInterval"],
  reconnect_ivl_max: [21, INT32, "reconnectMaxInterval"],
  backlog: [19, INT32, "backlog"],
  maxmsgsize: [22, INT64, "maxMessageSize"],
  multicast_hops: [25, INT32, "multicastHops"],
  handshake_ivl: [66, INT32, "handshakeInterval"],
  heartbeat_ivl: [75, INT32, "heartbeatInterval"],
  heartbeat_ttl: [76, INT32, "heartbeatTimeToLive"],
  heartbeat_timeout: [77, INT32, "heartbeatTimeout"],
  tos: [57, INT32, "typeOfService"],
  connect_timeout: [79, INT32, "connectTimeout"],
  tcp_maxrt: [80, INT32, "tcpMaxRetransmitTimeout"],
  events: [15, INT32, null],
  type: [16, INT32, null],  // zeromq.js's `type` property is its own enum, not ZMQ_TYPE
  immediate: [39, BOOLEAN, "immediate"],
  ipv6: [42, BOOLEAN, "ipv6"],
  router_mandatory: [33, BOOLEAN, "mandatory"],
  router_handover: [56, BOOLEAN, "handover"],
  req_relaxed: [53, BOOLEAN, "relaxed"],
  req_correlate: [52, BOOLEAN, "correlate"],
  xpub_verbose: [40, BOOLEAN, null],  // zeromq.js folds VERBOSE/VERBOSER into a write-only `verbosity`
  xpub_verboser: [78, BOOLEAN, null],
  xpub_nodrop: [69, BOOLEAN, "noDrop"],
  xpub_manual: [71, BOOLEAN, "manual"],
  conflate: [54, BOOLEAN, "conflate"],
  probe_router: [51, BOOLEAN, "probeRouter"],
  rcvmore: [13, BOOLEAN, null],
  invert_matching: [74, BOOLEAN, "invertMatching"],
  stream_notify: [73, BOOLEAN, "notify"],
  plain_server: [44, BOOLEAN, "plainServer"],
  zap_enforce_domain: [93, BOOLEAN, "zapEnforceDomain"],
  router_raw: [41, BOOLEAN, null],
  routing_id: [5, BINARY, "routingId"],
  subscribe: [6, BINARY, null],  // Subscriber.subscribe() on SUB sockets, see setOption
  unsubscribe: [7, BINARY, null],
  xpub_welcome_msg: [72, BINARY, "welcomeMessage"],
  connect_routing_id: [61, BINARY, null],
  last_endpoint: [32, TEXT, "lastEndpoint"],
  zap_domain: [55, TEXT, "zapDomain"],
  plain_username: [45, TEXT, "plainUsername"],
  plain_password: [46, TEXT, "plainPassword"],
  socks_proxy: [68, TEXT, "socksProxy"],
  bindtodevice: [92, TEXT, "interface"],
};
// CURVE's options, where the bundled libzmq has CURVE (zeromq.js defines the properties only then).
// A key's octets go to zmq_setsockopt as given (32 of key or 40 of Z85 text): the properties'
// setter takes a Buffer as it is. Read back, a key is what zeromq.js's getter gives: it asks
// zmq_getsockopt with a 1024-octet buffer (src/socket.cc GetSockOpt<char*>), which libzmq refuses
// for a key (EINVAL: options.cpp do_getsockopt_curve_key takes 32 or 41 only), and no other call
// of zeromq.js reads an option with a size of the caller's choosing.
const CURVE_OPTIONS = {
  curve_server: [47, BOOLEAN, "curveServer"],
  curve_publickey: [48, BINARY, "curvePublicKey"],
  curve_secretkey: [49, BINARY, "curveSecretKey"],
  curve_serverkey: [50, BINARY, "curveServerKey"],
};
if (zmq.capability.curve) Object.assign(OPTIONS, CURVE_OPTIONS);

// Node's decoder skips what is not base64; a strict string encodes back to itself. (A regular
// expression over a frame of megabytes would exhaust the stack.)
function spec(name) {
  if (typeof name !== "string") throw new AgentError("EBADREQUEST", "field 'option' must be a string");
  const found = OPTIONS[name];
  if (!found) throw new Unsupported(`socket option '${name}' is not supported by the zeromq.js agent`);
  return found;
}

// The property, when this socket's class has it (a plain assignment would only add a JS field).
function propertyOf(socket, property) {
  return property && property in socket ? property : null;
}

function checkedValue(name, kind, value) {
  if (kind === BOOLEAN) {
    if (typeof value !== "boolean") throw new AgentError("EINVAL", `option '${name}' takes true or false`);
    return value;
  }
  if (kind === INT32 || kind === INT64) {
    if (!Number.isSafeInteger(value)) throw new AgentError("EINVAL", `option '${name}' takes an integer`);
    return value;
  }
  if (kind === BINARY) {
    if (typeof value !== "string") throw new AgentError("EINVAL", `option '${name}' takes a base64 string`);
    return decodeBase64(value, `option '${name}'`);
  }
  if (typeof value !== "string") throw new AgentError("EINVAL", `option '${name}' takes a string`);
  return value;
}

const RAW_SETTERS = {
  [INT32]: "setInt32Option", [INT64]: "setInt64Option", [BOOLEAN]: "setBoolOption",
  [BINARY]: "setStringOption", [TEXT]: "setStringOption",
};
const RAW_GETTERS = {
  [INT32]: "getInt32Option", [INT64]: "getInt64Option", [BOOLEAN]: "getBoolOption",
  [BINARY]: "getStringOption", [TEXT]: "getStringOption",
};

function setOption(socket, name, value) {
  const [number, kind, property] = spec(name);
  const checked = checkedValue(name, kind, value);
  if ((name === "subscribe" || name === "unsubscribe") && typeof socket[name] === "function") {
    socket[name](checked);  // Subscriber's own methods
    return;
  }
  const prop = propertyOf(socket, property);
  if (prop) socket[prop] = checked;
  else socket[RAW_SETTERS[kind]](number, checked);
}

function getOption(socket, name) {
  const [number, kind, property] = spec(name);
  const prop = propertyOf(socket, property);
  const value = prop ? socket[prop] : socket[RAW_GETTERS[kind]](number);
  if (kind === BINARY) {
    // zeromq.js returns string options decoded as UTF-8 (lossy for binary ids): a finding if so.
    return Buffer.from(value ?? "", Buffer.isBuffer(value) ? undefined : "utf8").toString("base64");
  }
  if (kind === TEXT) return value ?? "";
  if (kind === BOOLEAN) return Boolean(value);
  return value;
}

module.exports = {OPTIONS, setOption, getOption};
