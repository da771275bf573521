package dev.streamproc.local.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.lambda.LocalLambda;
import dev.streamproc.local.lambda.ProbeFunctions;
import dev.streamproc.local.lambda.RuntimeOptions;
import dev.streamproc.local.stream.KinesisStreamSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tumbling window end to end: kinesis-mock, the event source mapping, and a real handler
 * ({@code WindowCountFunction}, written as the Lambda developer guide's "Time windows" example) in a child JVM under
 * the Runtime Interface Client. The handler's own answers carry the state from call to call; the totals of the
 * windows' final calls count every record once.
 */
@Timeout(120)
class TumblingWindowRealFunctionTest {

    private static final String HANDLER = "dev.streamproc.local.lambda.testfunction.WindowCountFunction::handleRequest";
    private final StreamTestServers servers = StreamTestServers.get();

    @TempDir
    Path dataDir;

    /** One call as the function saw it and what it answered. */
    record Call(JsonNode event, JsonNode answer) {
    }

    @Test
    void aRealHandlerAggregatesPerWindowAndItsFinalCallsCountEveryRecordOnce() {
        String stream = servers.freshStream("window-real", 1);
        List<String> seqs = new ArrayList<>();
        for (String key : List.of("a", "a", "b", "a", "b")) {
            seqs.addAll(servers.put(stream, List.<String[]>of(new String[] {key, "record of " + key})));
        }
        FunctionSpec spec = ProbeFunctions.probe("WindowCount", HANDLER, Duration.ofSeconds(30), Map.of("AWS_REGION", "us-east-1"));
        List<Call> calls = new CopyOnWriteArrayList<>();
        EsmSettings settings = EsmSettings.builder("WindowCount", spec.arn(), stream).batchSize(2).tumblingWindowSeconds(2)
                .idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(50)).build();

        try (LocalLambda lambda = new LocalLambda(List.of(spec), RuntimeOptions.forDataDirectory(dataDir, Map.of(), null, false))) {
            LambdaInvoker spy = new LambdaInvoker() {
                @Override
                public InvocationResult invoke(String functionId, byte[] event) {
                    return invoke(functionId, event, java.util.UUID.randomUUID().toString());
                }

                @Override
                public InvocationResult invoke(String functionId, byte[] event, String requestId) {
                    InvocationResult result = lambda.invoke(functionId, event, requestId);
                    try {
                        calls.add(new Call(RecordingFunction.JSON.readTree(event),
                                result.succeeded() ? RecordingFunction.JSON.readTree(result.payload()) : null));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return result;
                }
            };
            EventSourceMapping mapping = new EventSourceMapping(settings, new KinesisStreamSource(servers.kinesis, stream),
                    new KinesisEventFormat(stream, "us-east-1", "arn:aws:iam::000000000000:role/window"), spy, null, dataDir.resolve("esm"));
            try {
                mapping.start();
                Awaitility.await("every window's final call").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                        .until(() -> mapping.checkpoints().read("shardId-000000000000").orElse("").equals(seqs.get(4)));
            } finally {
                mapping.stop(2000);
                servers.deleteStream(stream);
            }
        }

        assertThat(calls).allSatisfy(call -> assertThat(call.answer()).as("every call succeeded").isNotNull());
        Map<String, Integer> totals = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            if (i > 0 && !calls.get(i - 1).event().get("isFinalInvokeForWindow").asBoolean()) {
                // within a window, each call gets the state the previous call answered
                assertThat(call.event().get("state")).isEqualTo(calls.get(i - 1).answer().get("state"));
            } else {
                assertThat(call.event().get("state").toString()).isEqualTo("{}");
            }
            if (call.event().get("isFinalInvokeForWindow").asBoolean()) {
                assertThat(call.event().get("Records")).isEmpty();
                call.event().get("state").fields().forEachRemaining(f -> totals.merge(f.getKey(), f.getValue().asInt(), Integer::sum));
            }
        }
        assertThat(calls.get(calls.size() - 1).event().get("isFinalInvokeForWindow").asBoolean()).isTrue();
        assertThat(totals).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3, "b", 2));
    }
}
