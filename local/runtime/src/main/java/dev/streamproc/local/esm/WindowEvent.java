package dev.streamproc.local.esm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The event and answer of an invocation under a tumbling window (Lambda developer guide, "Time windows", example
 * {@code KinesisTimeWindowEvent} / {@code DynamodbTimeWindowEvent} and {@code TimeWindowEventResponse}). The event is
 * the mapping's usual {@code {"Records":[...]}} followed by {@code window} {start,end} (ISO-8601), {@code state},
 * {@code shardId}, {@code eventSourceARN}, {@code isFinalInvokeForWindow} and {@code isWindowTerminatedEarly}; the
 * answer must carry a {@code state} property, else "Lambda considers this a failed invocation".
 */
public final class WindowEvent {

    /** "Your state can be a maximum of 1 MB per shard. If it exceeds that size, Lambda terminates the window early." */
    public static final int STATE_LIMIT_BYTES = 1024 * 1024;

    /** The context of one invocation: which window, the state so far, and whether this is the window's last call. */
    public record Context(TumblingWindow window, JsonNode state, String shardId, String eventSourceArn,
                          boolean finalInvoke, boolean terminatedEarly) {
    }

    private WindowEvent() {
    }

    /** The state a window starts with: {@code {}}. */
    public static JsonNode emptyState() {
        return KinesisEventFormat.JSON.createObjectNode();
    }

    /** {@code recordsEvent} (a JSON object) with the window fields appended after its {@code Records}. */
    public static byte[] wrap(byte[] recordsEvent, Context context) {
        ObjectNode tail = KinesisEventFormat.JSON.createObjectNode();
        ObjectNode window = tail.putObject("window");
        window.put("start", context.window().start().toString());
        window.put("end", context.window().end().toString());
        tail.set("state", context.state());
        tail.put("shardId", context.shardId());
        tail.put("eventSourceARN", context.eventSourceArn());
        tail.put("isFinalInvokeForWindow", context.finalInvoke());
        tail.put("isWindowTerminatedEarly", context.terminatedEarly());
        byte[] fields = bytes(tail);
        int close = lastBrace(recordsEvent);
        byte[] out = Arrays.copyOf(recordsEvent, close + fields.length);
        out[close] = ',';
        // fields is "{...}": its inside and closing brace follow the comma
        System.arraycopy(fields, 1, out, close + 1, fields.length - 1);
        return out;
    }

    /**
     * The {@code state} of a function's answer, or null when the answer has none (not JSON, not an object, or no
     * {@code state} key): the invocation then counts as failed. A {@code "state": null} starts over from {@code {}}.
     */
    public static JsonNode stateOf(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        JsonNode root;
        try {
            root = KinesisEventFormat.JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject() || !root.has("state")) {
            return null;
        }
        JsonNode state = root.get("state");
        return state.isNull() ? emptyState() : state;
    }

    /** The size of {@code state} as JSON, which the 1 MB limit applies to. */
    public static int sizeOf(JsonNode state) {
        return bytes(state).length;
    }

    private static int lastBrace(byte[] json) {
        for (int i = json.length - 1; i >= 0; i--) {
            if (json[i] == '}') {
                return i;
            }
        }
        throw new IllegalArgumentException("not a JSON object: " + new String(json, StandardCharsets.UTF_8));
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return KinesisEventFormat.JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
