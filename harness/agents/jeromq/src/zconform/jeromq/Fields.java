package zconform.jeromq;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Typed request fields: a field missing or of the wrong JSON type is EBADREQUEST. */
final class Fields {
    private Fields() {}

    static String text(JsonObject request, String name) {
        JsonElement value = request.get(name);
        if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString())
            throw AgentError.badRequest("field '" + name + "' must be a string");
        return value.getAsString();
    }

    /** An integer field, or fallback when it is absent or null. */
    static long integer(JsonObject request, String name, long fallback) {
        JsonElement value = request.get(name);
        if (value == null || value.isJsonNull()) return fallback;
        Long number = integerOf(value);
        if (number == null) throw AgentError.badRequest("field '" + name + "' must be an integer");
        return number;
    }

    static boolean flag(JsonObject request, String name, boolean fallback) {
        JsonElement value = request.get(name);
        if (value == null || value.isJsonNull()) return fallback;
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean())
            throw AgentError.badRequest("field '" + name + "' must be true or false");
        return value.getAsBoolean();
    }

    /** The JSON value as a 64-bit integer, or null if it is anything else (1.5, "1", true). */
    static Long integerOf(JsonElement value) {
        if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) return null;
        try {
            // Gson would read 1.5 as 1: only integral values in range pass.
            return value.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    static boolean isBoolean(JsonElement value) {
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean();
    }

    static boolean isString(JsonElement value) {
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
    }

    /** The base64 frames of a send: a non-empty list of strings. */
    static List<byte[]> frames(JsonObject request) {
        JsonElement value = request.get("frames");
        if (value == null || !value.isJsonArray() || value.getAsJsonArray().isEmpty())
            throw AgentError.badRequest("field 'frames' must be a non-empty list");
        JsonArray list = value.getAsJsonArray();
        List<byte[]> frames = new ArrayList<>(list.size());
        for (JsonElement frame : list) {
            if (!isString(frame)) throw AgentError.badRequest("a frame is not a base64 string: " + frame);
            try {
                frames.add(Base64.getDecoder().decode(frame.getAsString()));
            } catch (IllegalArgumentException e) {
                throw AgentError.badRequest("a frame is not base64: " + e.getMessage());
            }
        }
        return frames;
    }

    static JsonArray base64(List<byte[]> frames) {
        JsonArray list = new JsonArray(frames.size());
        for (byte[] frame : frames) list.add(new JsonPrimitive(Base64.getEncoder().encodeToString(frame)));
        return list;
    }

    static JsonObject object(String name, JsonElement value) {
        JsonObject object = new JsonObject();
        object.add(name, value);
        return object;
    }

    static JsonObject object(String name, String value) {
        return object(name, new JsonPrimitive(value));
    }
}
