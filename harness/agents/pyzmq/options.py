"""The socket options the agent knows, by protocol name (PROTOCOL.md "Options"), with pyzmq's
constant and how the value travels in JSON. One table drives setsockopt, getsockopt and the
`options` capability."""
import base64
import binascii

import zmq
from zmq.utils import z85

from replies import AgentError, BadRequest, Unsupported

INTEGER, BOOLEAN, BINARY, TEXT = "integer", "boolean", "binary", "text"

# The binary ones are protocol/option_types.hpp's list (a test compares them).
OPTIONS = {
    "linger": (zmq.LINGER, INTEGER), "sndhwm": (zmq.SNDHWM, INTEGER), "rcvhwm": (zmq.RCVHWM, INTEGER),
    "sndtimeo": (zmq.SNDTIMEO, INTEGER), "rcvtimeo": (zmq.RCVTIMEO, INTEGER),
    "sndbuf": (zmq.SNDBUF, INTEGER), "rcvbuf": (zmq.RCVBUF, INTEGER),
    "reconnect_ivl": (zmq.RECONNECT_IVL, INTEGER), "reconnect_ivl_max": (zmq.RECONNECT_IVL_MAX, INTEGER),
    "backlog": (zmq.BACKLOG, INTEGER), "maxmsgsize": (zmq.MAXMSGSIZE, INTEGER),
    "multicast_hops": (zmq.MULTICAST_HOPS, INTEGER), "handshake_ivl": (zmq.HANDSHAKE_IVL, INTEGER),
    "heartbeat_ivl": (zmq.HEARTBEAT_IVL, INTEGER), "heartbeat_ttl": (zmq.HEARTBEAT_TTL, INTEGER),
    "heartbeat_timeout": (zmq.HEARTBEAT_TIMEOUT, INTEGER), "tos": (zmq.TOS, INTEGER),
    "events": (zmq.EVENTS, INTEGER), "type": (zmq.TYPE, INTEGER), "mechanism": (zmq.MECHANISM, INTEGER),
    "immediate": (zmq.IMMEDIATE, BOOLEAN), "ipv6": (zmq.IPV6, BOOLEAN),
    "router_mandatory": (zmq.ROUTER_MANDATORY, BOOLEAN), "router_handover": (zmq.ROUTER_HANDOVER, BOOLEAN),
    "req_relaxed": (zmq.REQ_RELAXED, BOOLEAN), "req_correlate": (zmq.REQ_CORRELATE, BOOLEAN),
    "xpub_verbose": (zmq.XPUB_VERBOSE, BOOLEAN), "xpub_verboser": (zmq.XPUB_VERBOSER, BOOLEAN),
    "xpub_nodrop": (zmq.XPUB_NODROP, BOOLEAN), "xpub_manual": (zmq.XPUB_MANUAL, BOOLEAN),
    "conflate": (zmq.CONFLATE, BOOLEAN), "probe_router": (zmq.PROBE_ROUTER, BOOLEAN),
    "rcvmore": (zmq.RCVMORE, BOOLEAN), "invert_matching": (zmq.INVERT_MATCHING, BOOLEAN),
    "stream_notify": (zmq.STREAM_NOTIFY, BOOLEAN),
    "routing_id": (zmq.ROUTING_ID, BINARY), "subscribe": (zmq.SUBSCRIBE, BINARY),
    "unsubscribe": (zmq.UNSUBSCRIBE, BINARY), "xpub_welcome_msg": (zmq.XPUB_WELCOME_MSG, BINARY),
    "connect_routing_id": (zmq.CONNECT_ROUTING_ID, BINARY),
    "curve_publickey": (zmq.CURVE_PUBLICKEY, BINARY), "curve_secretkey": (zmq.CURVE_SECRETKEY, BINARY),
    "curve_serverkey": (zmq.CURVE_SERVERKEY, BINARY), "curve_server": (zmq.CURVE_SERVER, BOOLEAN),
    # zmq.h has it under DRAFT only; libzmq 4.3 takes number 93 in every build (options.cpp:758).
    "zap_enforce_domain": (93, BOOLEAN),
    "last_endpoint": (zmq.LAST_ENDPOINT, TEXT), "zap_domain": (zmq.ZAP_DOMAIN, TEXT),
    "plain_username": (zmq.PLAIN_USERNAME, TEXT), "plain_password": (zmq.PLAIN_PASSWORD, TEXT),
    "socks_proxy": (zmq.SOCKS_PROXY, TEXT), "bindtodevice": (zmq.BINDTODEVICE, TEXT),
    "connect_timeout": (zmq.CONNECT_TIMEOUT, INTEGER), "tcp_maxrt": (zmq.TCP_MAXRT, INTEGER),
    "plain_server": (zmq.PLAIN_SERVER, BOOLEAN), "router_raw": (zmq.ROUTER_RAW, BOOLEAN),
}


def _spec(name):
    if not isinstance(name, str):
        raise BadRequest("field 'option' must be a string")
    if name not in OPTIONS:
        raise Unsupported(f"socket option '{name}' is not supported by the pyzmq agent")
    return OPTIONS[name]


def set_option(socket, name, value):
    constant, kind = _spec(name)
    if kind == BOOLEAN:
        if not isinstance(value, bool):
            raise AgentError("EINVAL", f"option '{name}' takes true or false")
        socket.setsockopt(constant, int(value))
    elif kind == INTEGER:
        if not isinstance(value, int) or isinstance(value, bool):
            raise AgentError("EINVAL", f"option '{name}' takes an integer")
        socket.setsockopt(constant, value)
    elif kind == BINARY:
        try:
            socket.setsockopt(constant, base64.b64decode(value, validate=True))
        except (binascii.Error, TypeError) as e:
            raise AgentError("EINVAL", f"option '{name}' takes a base64 string: {e}")
    else:
        if not isinstance(value, str):
            raise AgentError("EINVAL", f"option '{name}' takes a string")
        socket.setsockopt(constant, value.encode())


def get_option(socket, name):
    constant, kind = _spec(name)
    value = socket.getsockopt(constant)
    if kind == BOOLEAN:
        return bool(value)
    if kind == BINARY:
        if name.startswith("curve_") and len(value.rstrip(b"\0")) == 40:
            # pyzmq reads CURVE keys as Z85 text; the protocol gives the 32 octets.
            value = z85.decode(value.rstrip(b"\0"))
        return base64.b64encode(value).decode()
    if kind == TEXT:
        return value.rstrip(b"\0").decode(errors="replace")
    return value
