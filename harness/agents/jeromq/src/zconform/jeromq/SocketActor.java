package zconform.jeromq;

import com.google.gson.JsonObject;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.zeromq.ZMQ.Context;
import org.zeromq.ZMQ.Socket;
import zmq.SocketBase;

/**
 * One thread per socket: JeroMQ sockets are not thread-safe, and requests on one socket run in
 * the order received while requests on different sockets run concurrently (PROTOCOL.md). The
 * thread creates the socket, runs its requests one by one, and ends when it closes.
 */
final class SocketActor implements Runnable {
    static final Set<String> OPS = Set.of("close", "setsockopt", "getsockopt", "bind", "connect", "unbind",
                                          "disconnect", "send", "recv", "monitor");

    private final String handle;
    private final Context context;
    private final int type;
    private final long openRequestId;
    private final ReplyWriter out;
    private final Runnable onClosed;
    // Requests (JsonObject) and loans of the socket (SocketLoan), served in order.
    private final BlockingQueue<Object> requests = new LinkedBlockingQueue<>();
    private boolean closed;  // guarded by this: no request is queued once it is set

    private Socket socket;  // only this actor's thread touches it
    private boolean monitored;

    SocketActor(String handle, Context context, int type, long openRequestId, ReplyWriter out, Runnable onClosed) {
        this.handle = handle;
        this.context = context;
        this.type = type;
        this.openRequestId = openRequestId;
        this.out = out;
        this.onClosed = onClosed;
    }

    void start() {
        Thread thread = new Thread(this, "socket-" + handle);
        thread.setDaemon(true);  // a request blocked in JeroMQ must not keep the agent alive
        thread.start();
    }

    /** Queues a request; false once the socket is closed (or never opened). */
    synchronized boolean post(JsonObject request) {
        if (closed) return false;
        requests.add(request);
        return true;
    }

    /** Queues a loan of the socket (SocketLoan); false once the socket is closed. */
    synchronized boolean lend(SocketLoan loan) {
        if (closed) return false;
        requests.add(loan);
        return true;
    }

    @Override
    public void run() {
        out.reply(openRequestId, () -> {
            socket = context.socket(type);
            return Fields.object("socket", handle);
        });
        try {
            while (socket != null) {
                Object next = requests.take();
                if (next instanceof SocketLoan loan) {
                    loan.lend(socket);
                    continue;
                }
                JsonObject request = (JsonObject) next;
                out.reply(request.get("id").getAsLong(), () -> execute(request));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            closed = true;
        }
        onClosed.run();
        for (Object next : requests) {
            if (next instanceof SocketLoan loan) {
                loan.refuse();
            } else {
                out.refuse(((JsonObject) next).get("id").getAsLong(),
                           AgentError.error("ENOTSOCK", "socket " + handle + " is closed"));
            }
        }
    }

    private JsonObject execute(JsonObject request) {
        String op = request.get("op").getAsString();
        SocketBase base = socket.base();
        switch (op) {
            case "close":
                close();
                return null;
            case "monitor":
                if (!monitored) SocketMonitor.start(context, socket, handle, out);  // a second keeps the first
                monitored = true;
                return null;
            case "setsockopt":
                SocketOptions.set(base, Fields.text(request, "option"), request.get("value"));
                return null;
            case "getsockopt":
                return Fields.object("value", SocketOptions.get(base, Fields.text(request, "option")));
            case "bind":
                return Fields.object("endpoint", Endpoints.bind(base, Fields.text(request, "endpoint")));
            case "connect":
                Endpoints.connect(base, Fields.text(request, "endpoint"));
                return null;
            case "unbind":
            case "disconnect":
                Endpoints.terminate(base, Fields.text(request, "endpoint"), op);
                return null;
            case "send":
                MessageIo.send(base, Fields.frames(request), Fields.flag(request, "dontwait", false),
                               Fields.integer(request, "timeout_ms", -1));
                return null;
            case "recv":
                return Fields.object("frames", Fields.base64(MessageIo.recv(base, Fields.integer(request, "timeout_ms", -1))));
            default:
                throw AgentError.badRequest("operation '" + op + "' is not a socket operation");
        }
    }

    /**
     * The monitor is not stopped first, as the pyzmq agent does: JeroMQ 0.3.6 writes monitor
     * events from whichever thread raises them (the I/O thread for ACCEPTED or DISCONNECTED), with
     * no lock, so SocketBase.monitor(null) closing the monitor socket from this thread races with
     * the I/O thread (seen: the I/O thread dies of a ClosedSelectorException in monitorEvent). On
     * close, JeroMQ stops the monitor itself once the socket's connections are gone
     * (SocketBase.destroy, in the reaper thread) and reports MONITOR_STOPPED; the reader ends on
     * it, or on ETERM from ctx_term.
     */
    private void close() {
        socket.close();
        socket = null;
    }
}
