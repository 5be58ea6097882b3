package zconform.jeromq;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.zeromq.ZMQ;

/**
 * zconform's agent for JeroMQ (harness/agents/PROTOCOL.md): JSON lines on stdin and stdout.
 *
 * The main thread reads requests and answers hello, ctx_new and the requests it refuses at once;
 * each ctx_term waits on a thread of its own, each socket lives on its own SocketActor thread, and
 * each monitor is read by its own thread. ReplyWriter serialises their lines.
 */
public final class Agent {
    /** A context and, once asked for, its termination (which a second ctx_term awaits too). */
    private static final class ContextEntry {
        final ZMQ.Context context;
        private CompletableFuture<Void> terminated;

        ContextEntry(ZMQ.Context context) {
            this.context = context;
        }

        synchronized CompletableFuture<Void> terminate() {
            if (terminated == null) terminated = CompletableFuture.runAsync(context::term, Agent::daemon);
            return terminated;
        }
    }

    private final ReplyWriter out;
    private final Map<String, ContextEntry> contexts = new ConcurrentHashMap<>();
    private final Map<String, SocketActor> sockets = new ConcurrentHashMap<>();
    private long nextContext = 1;  // handles are made by the main thread only, and never reused
    private long nextSocket = 1;

    private Agent(ReplyWriter out) {
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        Agent agent = new Agent(new ReplyWriter());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (!line.isBlank()) agent.dispatch(line);
        }
        // stdin closed: leave without waiting for threads blocked in JeroMQ.
        Runtime.getRuntime().halt(0);
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "ctx-term");
        thread.setDaemon(true);
        thread.start();
    }

    private void dispatch(String line) {
        JsonObject request;
        try {
            JsonElement parsed = JsonParser.parseString(line);
            if (!parsed.isJsonObject()) throw new JsonParseException("not an object");
            request = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            System.err.println("zconform-agent-jeromq: ignoring a line that is not a JSON object: " + e.getMessage());
            return;
        }
        Long id = request.has("id") ? Fields.integerOf(request.get("id")) : null;
        if (id == null || id <= 0) {
            System.err.println("zconform-agent-jeromq: ignoring a request without a positive integer id");
            return;
        }
        try {
            String op = Fields.text(request, "op");
            switch (op) {
                case "hello" -> out.reply(id, Hello::result);
                case "ctx_new" -> out.reply(id, () -> ctxNew(request));
                case "ctx_shutdown" -> throw AgentError.unsupported(
                    "JeroMQ 0.3.6 has no zmq_ctx_shutdown: zmq.Ctx has only terminate(), which blocks until "
                    + "every socket is closed");
                case "ctx_term" -> ctxTerm(id, request);
                case "socket" -> openSocket(id, request);
                case "poll", "proxy" -> BorrowedOps.start(id, request, sockets, out);
                case "bye" -> {
                    out.reply(id, () -> null);
                    Runtime.getRuntime().halt(0);
                }
                default -> {
                    if (Security.OPS.contains(op)) throw Security.unsupportedOp(op);
                    if (!SocketActor.OPS.contains(op))
                        throw AgentError.unsupported("operation '" + op + "' is not supported by the JeroMQ agent");
                    forward(request);
                }
            }
        } catch (AgentError e) {  // refused before it started
            out.refuse(id, e);
        }
    }

    private ContextEntry context(JsonObject request) {
        String handle = Fields.text(request, "ctx");
        ContextEntry entry = contexts.get(handle);
        if (entry == null) throw AgentError.error("EFAULT", "no live context '" + handle + "'");
        return entry;
    }

    private JsonObject ctxNew(JsonObject request) {
        JsonElement given = request.get("options");
        if (given != null && !given.isJsonNull() && !given.isJsonObject())
            throw AgentError.badRequest("field 'options' must be an object");
        ZMQ.Context context = ZMQ.context(1);  // libzmq's default: one I/O thread
        if (given != null && given.isJsonObject()) {
            for (Map.Entry<String, JsonElement> option : given.getAsJsonObject().entrySet()) {
                setContextOption(context, option.getKey(), option.getValue());
            }
        }
        String handle = "c" + nextContext++;
        contexts.put(handle, new ContextEntry(context));
        return Fields.object("ctx", handle);
    }

    /** io_threads, max_sockets and blocky; JeroMQ 0.3.6 contexts have no ipv6 (it is per socket). */
    private static void setContextOption(ZMQ.Context context, String name, JsonElement value) {
        boolean accepted;
        switch (name) {
            case "io_threads", "max_sockets" -> {
                Long number = Fields.integerOf(value);
                if (number == null || number != number.intValue())
                    throw AgentError.error("EINVAL", "context option '" + name + "' takes an integer");
                accepted = name.equals("io_threads") ? context.setIOThreads(number.intValue())
                                                     : context.setMaxSockets(number.intValue());
            }
            case "blocky" -> {
                if (!Fields.isBoolean(value))
                    throw AgentError.error("EINVAL", "context option 'blocky' takes true or false");
                accepted = context.setBlocky(value.getAsBoolean());
            }
            default -> throw AgentError.unsupported("context option '" + name + "' is not supported by JeroMQ 0.3.6");
        }
        if (!accepted) throw AgentError.error("EINVAL", "JeroMQ refused context option '" + name + "' = " + value);
    }

    /** Answers once the context is terminated, which JeroMQ does only when all its sockets are closed. */
    private void ctxTerm(long id, JsonObject request) {
        String handle = Fields.text(request, "ctx");
        ContextEntry entry = context(request);
        entry.terminate().whenComplete((done, failure) -> {
            contexts.remove(handle, entry);
            out.reply(id, () -> {
                if (failure != null) throw failure.getCause() instanceof RuntimeException
                    ? (RuntimeException) failure.getCause() : new IllegalStateException(failure);
                return null;
            });
        });
    }

    private void openSocket(long id, JsonObject request) {
        ZMQ.Context context = context(request).context;
        String typeName = Fields.text(request, "type");
        Integer type = Hello.SOCKET_TYPES.get(typeName);
        if (type == null)
            throw AgentError.unsupported("socket type '" + typeName + "' is not supported by JeroMQ 0.3.6");
        String handle = "s" + nextSocket++;  // taken even if creation fails: handles are never reused
        SocketActor actor = new SocketActor(handle, context, type, id, out, () -> sockets.remove(handle));
        sockets.put(handle, actor);
        actor.start();
    }

    private void forward(JsonObject request) {
        String handle = Fields.text(request, "socket");
        SocketActor actor = sockets.get(handle);
        if (actor == null || !actor.post(request))
            throw AgentError.error("ENOTSOCK", "no open socket '" + handle + "'");
    }
}
