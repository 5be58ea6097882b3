package zconform.jeromq;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import zmq.ZMQ;

/** The hello reply: which JeroMQ this is and what the agent can do with it. */
final class Hello {
    static final int PROTOCOL_VERSION = 2;

    /** JeroMQ 0.3.6's socket types (zmq.SocketBase.create); it has no STREAM, nor any draft type. */
    static final Map<String, Integer> SOCKET_TYPES;

    static {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("PAIR", ZMQ.ZMQ_PAIR);
        types.put("PUB", ZMQ.ZMQ_PUB);
        types.put("SUB", ZMQ.ZMQ_SUB);
        types.put("REQ", ZMQ.ZMQ_REQ);
        types.put("REP", ZMQ.ZMQ_REP);
        types.put("DEALER", ZMQ.ZMQ_DEALER);
        types.put("ROUTER", ZMQ.ZMQ_ROUTER);
        types.put("PULL", ZMQ.ZMQ_PULL);
        types.put("PUSH", ZMQ.ZMQ_PUSH);
        types.put("XPUB", ZMQ.ZMQ_XPUB);
        types.put("XSUB", ZMQ.ZMQ_XSUB);
        SOCKET_TYPES = Collections.unmodifiableMap(types);
    }

    // tcp and inproc only: SocketBase.checkProtocol knows ipc too, but it is TCP in disguise (see
    // Endpoints), and pgm/epgm are commented out there.
    private static final String[] TRANSPORTS = {"tcp", "inproc"};

    private static final JsonObject RESULT = build();

    private Hello() {}

    static JsonObject result() {
        return RESULT;
    }

    private static JsonObject build() {
        JsonObject capabilities = new JsonObject();
        capabilities.add("socket_types", strings(SOCKET_TYPES.keySet()));
        capabilities.add("transports", strings(java.util.Arrays.asList(TRANSPORTS)));
        capabilities.add("options", strings(SocketOptions.names()));
        capabilities.addProperty("draft", false);
        capabilities.add("monitor_events", strings(SocketMonitor.EVENTS));
        JsonObject result = new JsonObject();
        result.addProperty("name", "jeromq");
        result.addProperty("version", version());
        result.addProperty("protocol", PROTOCOL_VERSION);
        result.add("capabilities", capabilities);
        return result;
    }

    private static JsonArray strings(Iterable<String> values) {
        JsonArray list = new JsonArray();
        for (String value : values) list.add(value);
        return list;
    }

    /** The JeroMQ release from its jar's Maven metadata, and the libzmq API version it mirrors. */
    private static String version() {
        String release = null;
        try (InputStream in = ZMQ.class.getResourceAsStream("/META-INF/maven/org.zeromq/jeromq/pom.properties")) {
            if (in != null) {
                Properties pom = new Properties();
                pom.load(in);
                release = pom.getProperty("version");
            }
        } catch (IOException e) {
            // Not from a Maven-built jar (a class directory, say): fall back below.
        }
        if (release == null) release = ZMQ.class.getPackage().getImplementationVersion();
        if (release == null) release = "unknown";
        return release + " (libzmq API " + org.zeromq.ZMQ.getVersionString() + ")";
    }
}
