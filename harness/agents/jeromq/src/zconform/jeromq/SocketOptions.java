package zconform.jeromq;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import zmq.SocketBase;
import zmq.ZMQ;

/**
 * The socket options JeroMQ 0.3.6 has, by protocol name (PROTOCOL.md "Options"), with JeroMQ's
 * constant and the Java type its setSocketOpt casts the value to. One table drives setsockopt,
 * getsockopt and the "options" capability; a name missing here is unsupported.
 *
 * Left out because 0.3.6 has no such option (zmq.Options.setSocketOpt rejects the number):
 * handshake_ivl, heartbeat_*, tos, connect_timeout, tcp_maxrt, req_relaxed, req_correlate,
 * xpub_manual, xpub_welcome_msg, conflate, probe_router, invert_matching, stream_notify,
 * router_raw, connect_routing_id, socks_proxy, bindtodevice; the security options (Security). And
 * xpub_verboser: JeroMQ's option 78 is XPUB_VERBOSE_UNSUBSCRIBE, which only makes unsubscriptions
 * verbose (XPub.xsetsockopt), not libzmq's XPUB_VERBOSER (both directions).
 */
final class SocketOptions {
    private enum Kind { INT, LONG, BOOLEAN, BINARY, TEXT }

    private record Spec(int constant, Kind kind, boolean inverted) {}

    private static final Map<String, Spec> OPTIONS = new LinkedHashMap<>();

    static {
        add("linger", ZMQ.ZMQ_LINGER, Kind.INT);
        add("sndhwm", ZMQ.ZMQ_SNDHWM, Kind.INT);
        add("rcvhwm", ZMQ.ZMQ_RCVHWM, Kind.INT);
        add("sndtimeo", ZMQ.ZMQ_SNDTIMEO, Kind.INT);
        add("rcvtimeo", ZMQ.ZMQ_RCVTIMEO, Kind.INT);
        add("sndbuf", ZMQ.ZMQ_SNDBUF, Kind.INT);
        add("rcvbuf", ZMQ.ZMQ_RCVBUF, Kind.INT);
        add("reconnect_ivl", ZMQ.ZMQ_RECONNECT_IVL, Kind.INT);
        add("reconnect_ivl_max", ZMQ.ZMQ_RECONNECT_IVL_MAX, Kind.INT);
        add("backlog", ZMQ.ZMQ_BACKLOG, Kind.INT);
        add("maxmsgsize", ZMQ.ZMQ_MAXMSGSIZE, Kind.LONG);
        add("multicast_hops", ZMQ.ZMQ_MULTICAST_HOPS, Kind.INT);
        add("events", ZMQ.ZMQ_EVENTS, Kind.INT);
        add("type", ZMQ.ZMQ_TYPE, Kind.INT);
        // libzmq renamed DELAY_ATTACH_ON_CONNECT to IMMEDIATE (same number, 39, same meaning).
        add("immediate", ZMQ.ZMQ_DELAY_ATTACH_ON_CONNECT, Kind.BOOLEAN);
        // JeroMQ has libzmq 3's IPV4ONLY: ipv6 is its negation.
        OPTIONS.put("ipv6", new Spec(ZMQ.ZMQ_IPV4ONLY, Kind.BOOLEAN, true));
        add("router_mandatory", ZMQ.ZMQ_ROUTER_MANDATORY, Kind.BOOLEAN);
        add("router_handover", ZMQ.ZMQ_ROUTER_HANDOVER, Kind.BOOLEAN);
        add("xpub_verbose", ZMQ.ZMQ_XPUB_VERBOSE, Kind.BOOLEAN);
        add("xpub_nodrop", ZMQ.ZMQ_XPUB_NODROP, Kind.BOOLEAN);
        add("rcvmore", ZMQ.ZMQ_RCVMORE, Kind.BOOLEAN);
        add("routing_id", ZMQ.ZMQ_IDENTITY, Kind.BINARY);
        add("subscribe", ZMQ.ZMQ_SUBSCRIBE, Kind.BINARY);
        add("unsubscribe", ZMQ.ZMQ_UNSUBSCRIBE, Kind.BINARY);
        add("last_endpoint", ZMQ.ZMQ_LAST_ENDPOINT, Kind.TEXT);
    }

    private SocketOptions() {}

    private static void add(String name, int constant, Kind kind) {
        OPTIONS.put(name, new Spec(constant, kind, false));
    }

    static Iterable<String> names() {
        return Collections.unmodifiableSet(OPTIONS.keySet());
    }

    private static Spec spec(String name) {
        Spec spec = OPTIONS.get(name);
        if (spec == null && Security.isOption(name)) throw Security.unsupportedOption(name);
        if (spec == null)
            throw AgentError.unsupported("socket option '" + name + "' is not supported by JeroMQ 0.3.6");
        return spec;
    }

    static void set(SocketBase socket, String name, JsonElement value) {
        Spec spec = spec(name);
        socket.setSocketOpt(spec.constant, javaValue(name, spec, value));
    }

    /** The JSON value as the Java object JeroMQ's setSocketOpt casts it to; a bad one is EINVAL. */
    private static Object javaValue(String name, Spec spec, JsonElement value) {
        switch (spec.kind) {
            case INT: {
                Long number = value == null ? null : Fields.integerOf(value);
                if (number == null || number != number.intValue())
                    throw AgentError.error("EINVAL", "option '" + name + "' takes a 32-bit integer");
                return number.intValue();
            }
            case LONG: {
                Long number = value == null ? null : Fields.integerOf(value);
                if (number == null) throw AgentError.error("EINVAL", "option '" + name + "' takes an integer");
                return number;
            }
            case BOOLEAN:
                if (!Fields.isBoolean(value))
                    throw AgentError.error("EINVAL", "option '" + name + "' takes true or false");
                return value.getAsBoolean() != spec.inverted ? 1 : 0;
            case BINARY:
                if (!Fields.isString(value))
                    throw AgentError.error("EINVAL", "option '" + name + "' takes a base64 string");
                try {
                    return Base64.getDecoder().decode(value.getAsString());
                } catch (IllegalArgumentException e) {
                    throw AgentError.error("EINVAL", "option '" + name + "' takes a base64 string: " + e.getMessage());
                }
            default:
                if (!Fields.isString(value))
                    throw AgentError.error("EINVAL", "option '" + name + "' takes a string");
                return value.getAsString();
        }
    }

    static JsonElement get(SocketBase socket, String name) {
        Spec spec = spec(name);
        if (spec.constant == ZMQ.ZMQ_EVENTS) {
            // getSocketOpt(EVENTS) answers -1 where zmq_getsockopt fails with ETERM.
            int events = socket.getSocketOpt(ZMQ.ZMQ_EVENTS);
            if (events == -1) throw AgentError.error("ETERM", "the context was terminated");
            return new JsonPrimitive(events);
        }
        Object value = socket.getsockoptx(spec.constant);
        switch (spec.kind) {
            case INT:
            case LONG:
                return new JsonPrimitive(((Number) value).longValue());
            case BOOLEAN:
                return new JsonPrimitive((((Number) value).intValue() != 0) != spec.inverted);
            case BINARY:  // an identity never set is null: the empty routing id
                return new JsonPrimitive(Base64.getEncoder().encodeToString(value == null ? new byte[0] : (byte[]) value));
            default:
                return new JsonPrimitive(value == null ? "" : value.toString());
        }
    }
}
