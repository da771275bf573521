package dev.streamproc.local.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.stream.StreamRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tumbling window rules of the Lambda developer guide ("Time windows" in "Using AWS Lambda with Amazon Kinesis",
 * the same in "... with DynamoDB"), as plain Java: windows by arrival time, state carried from the function's answer,
 * a final call with no records at the end, early termination over 1 MB of state, retries inside a window.
 */
@Timeout(10)
class ShardWindowsTest {

    private static final Instant T0 = Instant.parse("2020-12-09T07:04:00Z");
    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/windows";

    /** What the function saw in one call. */
    record Call(List<String> data, JsonNode state, String windowStart, String windowEnd, boolean isFinal, boolean early, JsonNode event) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> checkpointed = new ArrayList<>();
    private final EsmMetrics metrics = new EsmMetrics();

    private LambdaInvoker function(BiFunction<Call, Integer, LambdaInvoker.InvocationResult> answer) {
        return (id, event) -> {
            try {
                JsonNode root = RecordingFunction.JSON.readTree(event);
                List<String> data = new ArrayList<>();
                root.get("Records").forEach(r -> data.add(new String(java.util.Base64.getDecoder().decode(r.at("/kinesis/data").asText()),
                        StandardCharsets.UTF_8)));
                Call call = new Call(data, root.get("state"), root.at("/window/start").asText(), root.at("/window/end").asText(),
                        root.get("isFinalInvokeForWindow").asBoolean(), root.get("isWindowTerminatedEarly").asBoolean(), root);
                calls.add(call);
                return answer.apply(call, calls.size() - 1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Counts records into {@code {"n": N}} as a windowed handler would. */
    private static LambdaInvoker.InvocationResult counting(Call call, int n) {
        int count = call.state().path("n").asInt(0) + call.data().size();
        return RecordingFunction.ok("{\"state\":{\"n\":" + count + "}}");
    }

    private ShardWindows windows(EsmSettings.Builder settings, LambdaInvoker invoker) {
        EsmSettings s = settings.build();
        KinesisEventFormat format = new KinesisEventFormat(STREAM, "us-east-1", "arn:aws:iam::000000000000:role/r");
        return new ShardWindows(s, "shardId-000000000000", format, new BatchRunner(s, invoker, format, null, metrics, Clock.systemUTC()),
                invoker, metrics);
    }

    private static EsmSettings.Builder settings(int windowSeconds) {
        return EsmSettings.builder("Fn", "arn:aws:lambda:us-east-1:000000000000:function:fn", STREAM)
                .tumblingWindowSeconds(windowSeconds).retryDelay(Duration.ZERO);
    }

    private static StreamRecord record(int seq, Instant arrival, String data) {
        return new StreamRecord("shardId-000000000000", String.valueOf(seq), "k", data.getBytes(StandardCharsets.UTF_8), arrival);
    }

    private void checkpoint(List<StreamRecord> records) {
        records.forEach(r -> checkpointed.add(r.sequenceNumber()));
    }

    @Test
    void windowsAreAlignedToTheirSizeByArrivalTime() {
        TumblingWindow w = TumblingWindow.of(Instant.parse("2020-12-09T07:05:59.999Z"), Duration.ofSeconds(120));

        assertThat(w.start()).isEqualTo(Instant.parse("2020-12-09T07:04:00Z"));
        assertThat(w.end()).isEqualTo(Instant.parse("2020-12-09T07:06:00Z"));
        assertThat(TumblingWindow.of(w.end(), Duration.ofSeconds(120)).start()).isEqualTo(w.end());
    }

    // "Time windows", example KinesisTimeWindowEvent: the records, then window {start, end}, state, shardId,
    // eventSourceARN, isFinalInvokeForWindow, isWindowTerminatedEarly.
    @Test
    void theEventCarriesTheWindowFieldsAfterTheRecords() {
        ShardWindows windows = windows(settings(120), function(ShardWindowsTest::counting));

        windows.run(List.of(record(1, T0.plusSeconds(5), "a")), this::checkpoint);

        JsonNode event = calls.get(0).event();
        assertThat(event.fieldNames()).toIterable().containsExactly("Records", "window", "state", "shardId", "eventSourceARN",
                "isFinalInvokeForWindow", "isWindowTerminatedEarly");
        assertThat(event.get("window").toString()).isEqualTo("{\"start\":\"2020-12-09T07:04:00Z\",\"end\":\"2020-12-09T07:06:00Z\"}");
        assertThat(event.get("state").toString()).isEqualTo("{}");
        assertThat(event.get("shardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(event.get("eventSourceARN").asText()).isEqualTo(STREAM);
        assertThat(event.get("isFinalInvokeForWindow").asBoolean()).isFalse();
        assertThat(event.get("isWindowTerminatedEarly").asBoolean()).isFalse();
    }

    // "Each invocation receives a state" (the previous invocation's), and at the end of the window a final call with
    // isFinalInvokeForWindow; the window's records are checkpointed after that call succeeds, and the next window
    // starts with a fresh state.
    @Test
    void stateIsCarriedThroughTheWindowAndTheFinalCallEndsIt() {
        ShardWindows windows = windows(settings(60), function(ShardWindowsTest::counting));

        windows.run(List.of(record(1, T0.plusSeconds(1), "a"), record(2, T0.plusSeconds(2), "b")), this::checkpoint);
        windows.run(List.of(record(3, T0.plusSeconds(3), "c")), this::checkpoint);
        assertThat(checkpointed).isEmpty();
        windows.run(List.of(record(4, T0.plusSeconds(61), "d")), this::checkpoint);

        assertThat(calls).extracting(c -> c.data().size() + " " + c.state() + " " + c.isFinal() + " " + c.windowStart())
                .containsExactly("2 {} false 2020-12-09T07:04:00Z", "1 {\"n\":2} false 2020-12-09T07:04:00Z",
                        "0 {\"n\":3} true 2020-12-09T07:04:00Z", "1 {} false 2020-12-09T07:05:00Z");
        assertThat(checkpointed).containsExactly("1", "2", "3");
    }

    @Test
    void aBatchThatSpansTwoWindowsIsSplitAtTheBoundary() {
        ShardWindows windows = windows(settings(60), function(ShardWindowsTest::counting));

        windows.run(List.of(record(1, T0.plusSeconds(59), "a"), record(2, T0.plusSeconds(60), "b"), record(3, T0.plusSeconds(61), "c")),
                this::checkpoint);

        assertThat(calls).extracting(c -> c.data() + " " + c.isFinal())
                .containsExactly("[a] false", "[] true", "[b, c] false");
    }

    // The window ends once the shard is read past its end (or the shard ends): the final call then comes without a
    // record of a later window.
    @Test
    void theWindowClosesOnceTheShardIsReadPastItsEnd() {
        ShardWindows windows = windows(settings(60), function(ShardWindowsTest::counting));
        windows.run(List.of(record(1, T0.plusSeconds(1), "a")), this::checkpoint);

        windows.closeIfOver(T0.plusSeconds(59), false, this::checkpoint);
        assertThat(calls).hasSize(1);
        windows.closeIfOver(T0.plusSeconds(60), false, this::checkpoint);

        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).isFinal()).isTrue();
        assertThat(calls.get(1).data()).isEmpty();
        assertThat(calls.get(1).state().toString()).isEqualTo("{\"n\":1}");
        assertThat(checkpointed).containsExactly("1");
        assertThat(windows.openWindow()).isNull();
    }

    // "Tumbling window aggregations do not support resharding. When the shard ends, Lambda considers the window closed."
    @Test
    void theEndOfTheShardClosesTheWindow() {
        ShardWindows windows = windows(settings(900), function(ShardWindowsTest::counting));
        windows.run(List.of(record(1, T0, "a")), this::checkpoint);

        windows.closeIfOver(null, true, this::checkpoint);

        assertThat(calls).extracting(Call::isFinal).containsExactly(false, true);
        assertThat(checkpointed).containsExactly("1");
    }

    // "If the response does not contain a state property, Lambda considers this a failed invocation"; the retry
    // policies apply: MaximumRetryAttempts 1 → two calls, then the records are given up on and the state stays.
    @Test
    void anAnswerWithoutStateIsAFailedInvocationRetriedByTheMappingsPolicy() {
        ShardWindows windows = windows(settings(60).maximumRetryAttempts(1),
                function((call, n) -> call.data().contains("bad") ? RecordingFunction.ok("{\"batchItemFailures\":[]}") : counting(call, n)));

        windows.run(List.of(record(1, T0, "a")), this::checkpoint);
        windows.run(List.of(record(2, T0.plusSeconds(1), "bad")), this::checkpoint);
        windows.closeIfOver(null, true, this::checkpoint);

        assertThat(calls).extracting(c -> c.data() + " " + c.state()).containsExactly("[a] {}", "[bad] {\"n\":1}", "[bad] {\"n\":1}",
                "[] {\"n\":1}");
        assertThat(metrics.snapshot().recordsDiscarded()).isEqualTo(1);
        assertThat(checkpointed).containsExactly("1", "2");
    }

    // With ReportBatchItemFailures, the answer {"state":..., "batchItemFailures":[...]} (TimeWindowEventResponse): the
    // records before the failed one succeed, and the rest is retried with the state the function returned.
    @Test
    void aPartialBatchResponseKeepsItsStateForTheRetriedRest() {
        ShardWindows windows = windows(settings(60).reportBatchItemFailures(true), function((call, n) -> n == 0
                ? RecordingFunction.ok("{\"state\":{\"n\":1},\"batchItemFailures\":[{\"itemIdentifier\":\"2\"}]}")
                : counting(call, n)));

        windows.run(List.of(record(1, T0, "a"), record(2, T0.plusSeconds(1), "b"), record(3, T0.plusSeconds(2), "c")), this::checkpoint);
        windows.closeIfOver(null, true, this::checkpoint);

        assertThat(calls).extracting(c -> c.data() + " " + c.state() + " " + c.isFinal())
                .containsExactly("[a, b, c] {} false", "[b, c] {\"n\":1} false", "[] {\"n\":3} true");
    }

    // "If invocation is unsuccessful, your Lambda function suspends further processing until a successful invocation."
    @Test
    void aFailingFinalCallIsRetriedUntilItSucceeds() {
        ShardWindows windows = windows(settings(60).maximumRetryAttempts(0),
                function((call, n) -> call.isFinal() && n < 4 ? RecordingFunction.error("not yet") : counting(call, n)));
        windows.run(List.of(record(1, T0, "a")), this::checkpoint);

        windows.run(List.of(record(2, T0.plusSeconds(60), "b")), this::checkpoint);

        assertThat(calls).extracting(c -> c.data() + " " + c.isFinal())
                .containsExactly("[a] false", "[] true", "[] true", "[] true", "[] true", "[b] false");
        assertThat(checkpointed).containsExactly("1");
    }

    // "Your state can be a maximum of 1 MB per shard. If it exceeds that size, Lambda terminates the window early":
    // the final call carries isWindowTerminatedEarly, and the same window goes on with a fresh state.
    @Test
    void aStateOverOneMegabyteTerminatesTheWindowEarly() {
        String big = "x".repeat(WindowEvent.STATE_LIMIT_BYTES);
        ShardWindows windows = windows(settings(60), function((call, n) -> call.data().contains("big")
                ? RecordingFunction.ok("{\"state\":{\"blob\":\"" + big + "\"}}") : counting(call, n)));

        windows.run(List.of(record(1, T0, "big")), this::checkpoint);
        windows.run(List.of(record(2, T0.plusSeconds(1), "a")), this::checkpoint);

        assertThat(calls).extracting(c -> c.data() + " " + c.isFinal() + " " + c.early() + " " + c.windowStart())
                .containsExactly("[big] false false 2020-12-09T07:04:00Z", "[] true true 2020-12-09T07:04:00Z",
                        "[a] false false 2020-12-09T07:04:00Z");
        assertThat(calls.get(1).state().get("blob").asText()).hasSize(big.length());
        assertThat(calls.get(2).state().toString()).isEqualTo("{}");
        assertThat(checkpointed).containsExactly("1");
    }

    @Test
    void aNullStateStartsOverFromEmptyAndAMissingOneIsNoState() {
        assertThat(WindowEvent.stateOf("{\"state\":null}".getBytes(StandardCharsets.UTF_8)).toString()).isEqualTo("{}");
        assertThat(WindowEvent.stateOf("{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(WindowEvent.stateOf(null)).isNull();
        assertThat(WindowEvent.stateOf("[1]".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
