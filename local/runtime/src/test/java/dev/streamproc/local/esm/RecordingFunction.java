package dev.streamproc.local.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.lambda.LambdaInvoker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function for the mapping tests: reads the Kinesis event as a handler would, remembers every batch it was
 * given, and answers as its behaviour says (succeed, throw, report item failures, time out).
 */
final class RecordingFunction implements LambdaInvoker {

    record Rec(String sequenceNumber, String partitionKey, String data, String eventId, double arrival) {
    }

    interface Behaviour {
        InvocationResult answer(List<Rec> batch, int invocation);
    }

    static final ObjectMapper JSON = new ObjectMapper();

    final List<List<Rec>> batches = new CopyOnWriteArrayList<>();
    final List<Integer> eventSizes = new CopyOnWriteArrayList<>();
    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    /** The request id of each invocation, as the function saw it. */
    final List<String> requestIds = new CopyOnWriteArrayList<>();
    final AtomicInteger concurrent = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();
    private final Behaviour behaviour;

    RecordingFunction(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    static RecordingFunction succeeding() {
        return new RecordingFunction((batch, n) -> ok(null));
    }

    /** A handler under a tumbling window: counts the records of its window into {@code {"state":{"n":N}}}. */
    static RecordingFunction windowCounting() {
        RecordingFunction[] self = new RecordingFunction[1];
        self[0] = new RecordingFunction((batch, n) ->
                ok("{\"state\":{\"n\":" + (self[0].events.get(n).path("state").path("n").asInt(0) + batch.size()) + "}}"));
        return self[0];
    }

    static InvocationResult ok(String json) {
        return InvocationResult.success(json == null ? null : json.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(1));
    }

    static InvocationResult error(String message) {
        return InvocationResult.error("RuntimeException", message, Duration.ofMillis(1));
    }

    @Override
    public InvocationResult invoke(String functionId, byte[] event, String requestId) {
        requestIds.add(requestId);
        return invoke(functionId, event);
    }

    @Override
    public InvocationResult invoke(String functionId, byte[] event) {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            JsonNode root = JSON.readTree(event);
            List<Rec> batch = new ArrayList<>();
            for (JsonNode r : root.get("Records")) {
                JsonNode k = r.get("kinesis");
                batch.add(new Rec(k.get("sequenceNumber").asText(), k.get("partitionKey").asText(),
                        new String(Base64.getDecoder().decode(k.get("data").asText()), StandardCharsets.UTF_8),
                        r.get("eventID").asText(), k.get("approximateArrivalTimestamp").asDouble()));
            }
            int invocation = batches.size();
            batches.add(batch);
            eventSizes.add(event.length);
            events.add(root);
            return behaviour.answer(batch, invocation);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            concurrent.decrementAndGet();
        }
    }

    /** Data of every record in invocations that succeeded outright is not tracked here: tests look at batches. */
    List<String> allData() {
        return batches.stream().flatMap(List::stream).map(Rec::data).toList();
    }
}
