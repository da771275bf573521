package dev.streamproc.lambdakit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Sits between the SDK and a real DynamoDB Local and misbehaves like a busy DynamoDB, on the
 * wire: it answers some BatchWriteItem calls with a 400 ProvisionedThroughputExceededException,
 * or keeps chosen items back from the server and returns them as {@code UnprocessedItems}.
 * Everything it forwards is really stored by DynamoDB Local.
 */
public final class FaultInjectingHttpClient implements SdkHttpClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BATCH_WRITE = "DynamoDB_20120810.BatchWriteItem";

    private final SdkHttpClient server;
    /** BatchWriteItem calls still to be answered with throttling (negative = all of them). */
    private final AtomicInteger callsToThrottle = new AtomicInteger();
    private volatile Predicate<JsonNode> withhold = item -> false;

    public final AtomicInteger batchWriteCalls = new AtomicInteger();
    public final AtomicInteger throttledCalls = new AtomicInteger();
    public final AtomicInteger withheldItems = new AtomicInteger();

    public FaultInjectingHttpClient(SdkHttpClient server) {
        this.server = server;
    }

    public void throttleNextBatchWrites(int calls) {
        callsToThrottle.set(calls);
    }

    public void throttleEveryBatchWrite() {
        callsToThrottle.set(-1);
    }

    /** Items (the {@code Item} JSON of a PutRequest) for which the predicate says yes come back unprocessed. */
    public void withholdItems(Predicate<JsonNode> predicate) {
        withhold = predicate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        if (!BATCH_WRITE.equals(request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse(""))) {
            return server.prepareRequest(request);
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return batchWrite(request);
            }

            @Override
            public void abort() {
            }
        };
    }

    private HttpExecuteResponse batchWrite(HttpExecuteRequest request) throws IOException {
        batchWriteCalls.incrementAndGet();
        if (takeThrottle()) {
            throttledCalls.incrementAndGet();
            return response(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                    + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}");
        }
        ObjectNode body;
        try (InputStream in = request.contentStreamProvider().orElseThrow().newStream()) {
            body = (ObjectNode) JSON.readTree(in);
        }
        ObjectNode unprocessed = JSON.createObjectNode();
        ObjectNode requestItems = (ObjectNode) body.get("RequestItems");
        Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> table = tables.next();
            ArrayNode kept = JSON.createArrayNode();
            ArrayNode sent = JSON.createArrayNode();
            for (JsonNode write : table.getValue()) {
                (withhold.test(write.path("PutRequest").path("Item")) ? kept : sent).add(write);
            }
            withheldItems.addAndGet(kept.size());
            if (!kept.isEmpty()) {
                unprocessed.set(table.getKey(), kept);
            }
            if (sent.isEmpty()) {
                tables.remove();
            } else {
                requestItems.set(table.getKey(), sent);
            }
        }
        if (requestItems.isEmpty()) {
            // Nothing left for the server: answer as DynamoDB does when it processed none of it.
            return response(200, JSON.createObjectNode().set("UnprocessedItems", unprocessed).toString());
        }
        ObjectNode answer = forward(request, body.toString().getBytes(StandardCharsets.UTF_8));
        ObjectNode serverUnprocessed = (ObjectNode) answer.get("UnprocessedItems");
        unprocessed.fields().forEachRemaining(table -> serverUnprocessed.set(table.getKey(), table.getValue()));
        return response(200, answer.toString());
    }

    private boolean takeThrottle() {
        int left = callsToThrottle.getAndUpdate(n -> n > 0 ? n - 1 : n);
        return left != 0;
    }

    private ObjectNode forward(HttpExecuteRequest original, byte[] body) throws IOException {
        SdkHttpFullRequest.Builder rewritten = ((SdkHttpFullRequest) original.httpRequest()).toBuilder()
                .putHeader("Content-Length", Integer.toString(body.length));
        HttpExecuteResponse response = server.prepareRequest(HttpExecuteRequest.builder()
                .request(rewritten.build())
                .contentStreamProvider(() -> new ByteArrayInputStream(body))
                .build()).call();
        try (InputStream in = response.responseBody().orElseThrow()) {
            if (response.httpResponse().statusCode() != 200) {
                throw new IOException("DynamoDB Local answered " + response.httpResponse().statusCode()
                        + ": " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private static HttpExecuteResponse response(int status, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder()
                        .statusCode(status)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("Content-Length", Integer.toString(bytes.length))
                        .putHeader("x-amz-crc32", Long.toString(crc.getValue()))
                        .putHeader("x-amzn-RequestId", "fault-injection")
                        .build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build();
    }

    @Override
    public void close() {
        server.close();
    }
}
