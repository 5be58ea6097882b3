package zconform.jeromq;

import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.zeromq.ZMQ.Context;
import org.zeromq.ZMQ.Socket;
import zmq.SocketBase;
import zmq.ZMQ;

/**
 * A socket's monitor: JeroMQ publishes its events on an inproc PAIR (SocketBase.monitor, as
 * libzmq does); a thread of its own reads them and writes them as "monitor" events. The agent
 * never stops a monitor itself: see SocketActor.close for why.
 */
final class SocketMonitor {
    /** Every event JeroMQ 0.3.6 emits, by libzmq's name. It has no HANDSHAKE_* events. */
    static final Map<Integer, String> EVENT_NAMES = Map.ofEntries(
        Map.entry(ZMQ.ZMQ_EVENT_CONNECTED, "CONNECTED"),
        Map.entry(ZMQ.ZMQ_EVENT_CONNECT_DELAYED, "CONNECT_DELAYED"),
        Map.entry(ZMQ.ZMQ_EVENT_CONNECT_RETRIED, "CONNECT_RETRIED"),
        Map.entry(ZMQ.ZMQ_EVENT_LISTENING, "LISTENING"),
        Map.entry(ZMQ.ZMQ_EVENT_BIND_FAILED, "BIND_FAILED"),
        Map.entry(ZMQ.ZMQ_EVENT_ACCEPTED, "ACCEPTED"),
        Map.entry(ZMQ.ZMQ_EVENT_ACCEPT_FAILED, "ACCEPT_FAILED"),
        Map.entry(ZMQ.ZMQ_EVENT_CLOSED, "CLOSED"),
        Map.entry(ZMQ.ZMQ_EVENT_CLOSE_FAILED, "CLOSE_FAILED"),
        Map.entry(ZMQ.ZMQ_EVENT_DISCONNECTED, "DISCONNECTED"),
        Map.entry(ZMQ.ZMQ_EVENT_MONITOR_STOPPED, "MONITOR_STOPPED"));

    /** The names in libzmq's bit order, for the hello capabilities. */
    static final List<String> EVENTS = List.of("CONNECTED", "CONNECT_DELAYED", "CONNECT_RETRIED", "LISTENING",
        "BIND_FAILED", "ACCEPTED", "ACCEPT_FAILED", "CLOSED", "CLOSE_FAILED", "DISCONNECTED", "MONITOR_STOPPED");

    private SocketMonitor() {}

    /** Starts the monitor and its reader, which ends by itself (see SocketActor.close). */
    static void start(Context context, Socket socket, String handle, ReplyWriter out) {
        SocketBase base = socket.base();
        String endpoint = "inproc://zconform-monitor-" + handle;  // handles are unique: so is this
        Errors.clear(base);
        if (!base.monitor(endpoint, ZMQ.ZMQ_EVENT_ALL)) throw Errors.last(base, "monitor");
        Socket events = context.socket(ZMQ.ZMQ_PAIR);
        Errors.clear(events.base());
        if (!events.base().connect(endpoint)) {
            events.close();
            throw Errors.last(events.base(), "connect to the monitor endpoint");
        }
        Thread reader = new Thread(() -> read(events, handle, out), "monitor-" + handle);
        reader.setDaemon(true);
        reader.start();
    }

    private static void read(Socket events, String handle, ReplyWriter out) {
        try {
            while (true) {
                ZMQ.Event event = ZMQ.Event.read(events.base());
                if (event == null) break;  // ETERM: the context is being terminated
                JsonObject line = new JsonObject();
                line.addProperty("event", "monitor");
                line.addProperty("socket", handle);
                line.addProperty("name", EVENT_NAMES.getOrDefault(event.event, "EVENT_" + event.event));
                // Numbers (errno, retry interval) travel; a channel (where libzmq gives the fd)
                // does not cross JeroMQ's monitor socket: 0 then.
                line.addProperty("value", event.arg instanceof Integer ? (Integer) event.arg : 0);
                line.addProperty("endpoint", event.addr);
                out.line(line);
                if (event.event == ZMQ.ZMQ_EVENT_MONITOR_STOPPED) break;
            }
        } catch (RuntimeException e) {
            System.err.println("zconform-agent-jeromq: monitor of " + handle + " stopped: " + e);
        } finally {
            events.close();
        }
    }
}
