package zconform.jeromq;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.zeromq.ZMQ.Socket;
import zmq.PollItem;
import zmq.SocketBase;
import zmq.ZMQ;

/**
 * poll and proxy (PROTOCOL.md): operations over several sockets, on a thread of their own, with
 * the sockets borrowed from their actors (SocketLoan). Loans are queued on the reader thread, in
 * request order. JeroMQ 0.3.6 has zmq_poll and zmq_proxy; it has no zmq_proxy_steerable.
 */
final class BorrowedOps {
    private static final String[] EVENTS = {"POLLIN", "POLLOUT", "POLLERR"};
    private static final int[] BITS = {ZMQ.ZMQ_POLLIN, ZMQ.ZMQ_POLLOUT, ZMQ.ZMQ_POLLERR};

    private BorrowedOps() {}

    static void start(long id, JsonObject request, Map<String, SocketActor> actors, ReplyWriter out) {
        boolean poll = Fields.text(request, "op").equals("poll");
        if (!poll && request.has("control") && !request.get("control").isJsonNull())
            throw AgentError.unsupported("JeroMQ 0.3.6 has no zmq_proxy_steerable (a proxy with a control socket)");
        List<String> handles = poll ? pollHandles(request) : proxyHandles(request);
        Map<String, SocketLoan> loans = new LinkedHashMap<>();
        for (String handle : handles) {
            if (loans.containsKey(handle)) continue;  // one loan per socket: a second would never be served
            SocketLoan loan = new SocketLoan();
            loans.put(handle, loan);
            SocketActor actor = actors.get(handle);
            if (actor == null || !actor.lend(loan)) loan.refuse();
        }
        Thread thread = new Thread(() -> {
            try {
                out.reply(id, () -> {
                    Map<String, SocketBase> sockets = new LinkedHashMap<>();
                    for (Map.Entry<String, SocketLoan> loan : loans.entrySet()) {
                        Socket socket;
                        try {
                            socket = loan.getValue().awaitSocket();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw AgentError.error("EINTR", "interrupted while borrowing sockets");
                        }
                        if (socket == null) throw AgentError.error("ENOTSOCK", "no open socket '" + loan.getKey() + "'");
                        sockets.put(loan.getKey(), socket.base());
                    }
                    return poll ? poll(request, sockets) : proxy(request, sockets);
                });
            } finally {
                for (SocketLoan loan : loans.values()) loan.giveBack();
            }
        }, poll ? "poll" : "proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private static JsonArray items(JsonObject request) {
        JsonElement items = request.get("items");
        if (items == null || !items.isJsonArray() || items.getAsJsonArray().size() == 0)
            throw AgentError.badRequest("field 'items' must be a non-empty list of {socket, events}");
        return items.getAsJsonArray();
    }

    private static List<String> pollHandles(JsonObject request) {
        List<String> handles = new ArrayList<>();
        for (JsonElement item : items(request)) {
            if (!item.isJsonObject()) throw AgentError.badRequest("each poll item is {socket, events}");
            handles.add(Fields.text(item.getAsJsonObject(), "socket"));
        }
        return handles;
    }

    private static List<String> proxyHandles(JsonObject request) {
        List<String> handles = new ArrayList<>(List.of(Fields.text(request, "frontend"), Fields.text(request, "backend")));
        if (request.has("capture") && !request.get("capture").isJsonNull()) handles.add(Fields.text(request, "capture"));
        return handles;
    }

    private static JsonObject poll(JsonObject request, Map<String, SocketBase> sockets) {
        JsonArray requested = items(request);
        PollItem[] items = new PollItem[requested.size()];
        for (int i = 0; i < items.length; i++) {
            JsonObject item = requested.get(i).getAsJsonObject();
            int bits = 0;
            for (JsonElement name : item.getAsJsonArray("events")) {
                int at = List.of(EVENTS).indexOf(name.getAsString());
                if (at < 0) throw AgentError.badRequest("poll events are POLLIN, POLLOUT or POLLERR, not " + name);
                bits |= BITS[at];
            }
            items[i] = new PollItem(sockets.get(Fields.text(item, "socket")), bits);
        }
        long timeout = Fields.integer(request, "timeout_ms", -1);
        int count = ZMQ.poll(items, timeout);
        if (count < 0) throw Errors.last(items[0].getSocket(), "poll");
        JsonArray reported = new JsonArray();
        for (int i = 0; i < items.length; i++) {
            JsonArray events = new JsonArray();
            if (items[i].isReadable()) events.add("POLLIN");
            if (items[i].isWritable()) events.add("POLLOUT");
            if (items[i].isError()) events.add("POLLERR");
            JsonObject entry = new JsonObject();
            entry.add("socket", requested.get(i).getAsJsonObject().get("socket"));
            entry.add("events", events);
            reported.add(entry);
        }
        JsonObject result = new JsonObject();
        result.add("items", reported);
        result.addProperty("count", count);
        return result;
    }

    private static JsonObject proxy(JsonObject request, Map<String, SocketBase> sockets) {
        SocketBase capture = request.has("capture") && !request.get("capture").isJsonNull()
            ? sockets.get(Fields.text(request, "capture")) : null;
        SocketBase frontend = sockets.get(Fields.text(request, "frontend"));
        if (!ZMQ.proxy(frontend, sockets.get(Fields.text(request, "backend")), capture))
            throw Errors.last(frontend, "proxy");
        return null;
    }
}
