package dev.streamproc.local.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.local.lambda.LambdaInvoker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A processor function for the Firehose tests: reads the Firehose event, remembers it, answers per its behaviour. */
final class TransformerFunction implements LambdaInvoker {

    static final ObjectMapper JSON = new ObjectMapper();

    record In(String recordId, String data, JsonNode raw) {
    }

    interface Behaviour {
        InvocationResult answer(List<In> records, int invocation);
    }

    final List<JsonNode> events = new CopyOnWriteArrayList<>();
    final List<List<In>> batches = new CopyOnWriteArrayList<>();
    private final Behaviour behaviour;

    TransformerFunction(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    /** Ok for every record, data upper-cased and ended with a newline, as a row-per-line transformer does. */
    static TransformerFunction upperCasing() {
        return new TransformerFunction((records, n) -> answer(records.stream().map(r -> ok(r.recordId(), r.data().toUpperCase() + "\n")).toList()));
    }

    static ObjectNode ok(String recordId, String data) {
        ObjectNode r = JSON.createObjectNode();
        r.put("recordId", recordId);
        r.put("result", "Ok");
        r.put("data", Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
        return r;
    }

    static ObjectNode result(String recordId, String result) {
        ObjectNode r = JSON.createObjectNode();
        r.put("recordId", recordId);
        r.put("result", result);
        return r;
    }

    static InvocationResult answer(List<ObjectNode> records) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("records");
        records.forEach(array::add);
        return InvocationResult.success(root.toString().getBytes(StandardCharsets.UTF_8), Duration.ofMillis(1));
    }

    @Override
    public InvocationResult invoke(String functionId, byte[] event) {
        try {
            JsonNode root = JSON.readTree(event);
            events.add(root);
            List<In> records = new ArrayList<>();
            for (JsonNode r : root.get("records")) {
                records.add(new In(r.get("recordId").asText(),
                        new String(Base64.getDecoder().decode(r.get("data").asText()), StandardCharsets.UTF_8), r));
            }
            int invocation = batches.size();
            batches.add(records);
            return behaviour.answer(records, invocation);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> allData() {
        return batches.stream().flatMap(List::stream).map(In::data).toList();
    }
}
