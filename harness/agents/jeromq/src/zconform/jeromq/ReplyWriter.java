package zconform.jeromq;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Lines to the driver: replies and events, one JSON object per line, flushed at once. Any thread
 * may write; one lock keeps lines whole.
 */
final class ReplyWriter {
    /** What an operation returns: the result fields of its ok reply. */
    interface Operation {
        JsonObject run() throws Exception;
    }

    // Gson escapes "=" (base64 padding) and "<" by default: valid JSON, but needlessly hard to read.
    private final Gson gson = new GsonBuilder().disableHtmlEscaping().create();
    private final Writer out;

    /** Takes over stdout: from now on System.out is stderr, so no stray print can break the protocol. */
    ReplyWriter() {
        out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
        System.setOut(System.err);
    }

    synchronized void line(JsonObject object) {
        try {
            out.write(gson.toJson(object));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            // The driver is gone: nobody is left to answer.
            Runtime.getRuntime().halt(1);
        }
    }

    /** Runs the operation and writes its one reply: ok with its fields, or what it failed with. */
    void reply(long id, Operation operation) {
        JsonObject reply;
        try {
            JsonObject result = operation.run();
            reply = status(id, "ok");
            if (result != null) {
                for (Map.Entry<String, JsonElement> field : result.entrySet()) {
                    reply.add(field.getKey(), field.getValue());
                }
            }
        } catch (AgentError e) {
            reply = failure(id, e);
        } catch (RuntimeException e) {
            reply = failure(id, Errors.translate(e));
        } catch (Throwable e) {  // the last guard: every request gets its one reply
            reply = failure(id, AgentError.error("EINTERNAL", "agent error: " + e));
        }
        line(reply);
    }

    /** Writes the reply of a request refused before it could start. */
    void refuse(long id, AgentError error) {
        line(failure(id, error));
    }

    private static JsonObject failure(long id, AgentError error) {
        if (error.isUnsupported()) {
            JsonObject reply = status(id, "unsupported");
            reply.addProperty("reason", error.getMessage());
            return reply;
        }
        JsonObject reply = status(id, "error");
        reply.addProperty("error", error.errnoName);
        reply.addProperty("message", String.valueOf(error.getMessage()));
        return reply;
    }

    private static JsonObject status(long id, String status) {
        JsonObject reply = new JsonObject();
        reply.addProperty("id", id);
        reply.addProperty("status", status);
        return reply;
    }
}
