package dev.streamproc.local.esm;

import static dev.streamproc.local.esm.RecordingFunction.error;
import static dev.streamproc.local.esm.RecordingFunction.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.esm.RecordingFunction.Rec;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.stream.KinesisStreamSource;
import dev.streamproc.local.stream.StartPosition;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.sqs.model.Message;

/** The event source mapping against a real Kinesis server (kinesis-mock) and a real SQS (ElasticMQ). */
class EventSourceMappingTest {

    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:000000000000:function:test-fn";
    private final StreamTestServers servers = StreamTestServers.get();
    private final List<EventSourceMapping> started = new ArrayList<>();

    @TempDir
    Path dataDir;

    @AfterEach
    void stopMappings() {
        started.forEach(m -> m.stop(2000));
    }

    private EsmSettings.Builder settings(String streamArn) {
        return EsmSettings.builder("TestFunction", FUNCTION_ARN, streamArn)
                .idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(20));
    }

    private EventSourceMapping start(EsmSettings settings, LambdaInvoker function) {
        FailureDestination destination = settings.onFailureDestination() == null ? null
                : new SqsFailureDestination(servers.sqs, settings.onFailureDestination());
        EventSourceMapping mapping = new EventSourceMapping(settings, new KinesisStreamSource(servers.kinesis, settings.streamArn()),
                new KinesisEventFormat(settings.streamArn(), settings.region(), "arn:aws:iam::000000000000:role/test-fn-role"),
                function, destination, dataDir);
        started.add(mapping.start());
        return mapping;
    }

    private static List<String[]> records(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new String[] {"key-" + (i % 7), prefix + i}).toList();
    }

    private static List<String> data(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }

    private static void awaitHandled(EventSourceMapping mapping, long records) {
        await(records + " records handled", () -> {
            var m = mapping.metrics();
            return m.recordsDelivered() + m.recordsDiscarded() >= records && m.recordsBehind() == 0;
        });
    }

    @Test
    void deliversEveryRecordInShardOrderInBatchesOfAtMostBatchSize() {
        String stream = servers.freshStream("esm-order", 1);
        List<String> sequenceNumbers = servers.put(stream, records("r", 25));
        RecordingFunction function = RecordingFunction.succeeding();

        EventSourceMapping mapping = start(settings(stream).batchSize(10).build(), function);
        awaitHandled(mapping, 25);

        assertThat(function.allData()).containsExactlyElementsOf(data("r", 25));
        assertThat(function.batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(10));
        assertThat(function.batches.stream().mapToInt(List::size)).containsExactly(10, 10, 5);
        assertThat(mapping.checkpoints().read("shardId-000000000000")).contains(sequenceNumbers.get(24));
        assertThat(mapping.metrics().batchesInvoked()).isEqualTo(3);
        assertThat(mapping.metrics().recordsDelivered()).isEqualTo(25);
    }

    @Test
    void sendsTheKinesisEventShapeLambdaSends() {
        String stream = servers.freshStream("esm-shape", 1);
        Instant before = Instant.now().minusSeconds(1);
        String seq = servers.put(stream, List.<String[]>of(new String[] {"pk-1", "héllo wörld ✓"})).get(0);
        RecordingFunction function = RecordingFunction.succeeding();

        awaitHandled(start(settings(stream).build(), function), 1);

        JsonNode record = function.events.get(0).get("Records").get(0);
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:kinesis");
        assertThat(record.get("eventVersion").asText()).isEqualTo("1.0");
        assertThat(record.get("eventName").asText()).isEqualTo("aws:kinesis:record");
        assertThat(record.get("eventID").asText()).isEqualTo("shardId-000000000000:" + seq);
        assertThat(record.get("eventSourceARN").asText()).isEqualTo(stream);
        assertThat(record.get("awsRegion").asText()).isEqualTo("us-east-1");
        assertThat(record.get("invokeIdentityArn").asText()).isEqualTo("arn:aws:iam::000000000000:role/test-fn-role");
        JsonNode kinesis = record.get("kinesis");
        assertThat(kinesis.get("kinesisSchemaVersion").asText()).isEqualTo("1.0");
        assertThat(kinesis.get("partitionKey").asText()).isEqualTo("pk-1");
        assertThat(kinesis.get("sequenceNumber").asText()).isEqualTo(seq);
        assertThat(function.batches.get(0).get(0).data()).isEqualTo("héllo wörld ✓");
        assertThat(kinesis.get("approximateArrivalTimestamp").isNumber()).isTrue();
        assertThat(kinesis.get("approximateArrivalTimestamp").asDouble())
                .isBetween(before.getEpochSecond() * 1.0, Instant.now().getEpochSecond() + 1.0);
    }

    @Test
    void theBatchingWindowGathersRecordsThatArriveWithinIt() {
        String stream = servers.freshStream("esm-window", 1);
        RecordingFunction function = RecordingFunction.succeeding();
        EventSourceMapping mapping = start(settings(stream).maximumBatchingWindow(Duration.ofSeconds(2)).build(), function);

        servers.put(stream, records("a", 3));
        StreamTestServers.sleep(600);
        servers.put(stream, records("b", 3));
        awaitHandled(mapping, 6);

        assertThat(function.batches).hasSize(1);
        assertThat(function.batches.get(0)).extracting(Rec::data).containsExactly("a0", "a1", "a2", "b0", "b1", "b2");
    }

    @Test
    void latestStartsAfterWhatIsAlreadyOnTheStream() {
        String stream = servers.freshStream("esm-latest", 1);
        servers.put(stream, records("old", 5));
        RecordingFunction function = RecordingFunction.succeeding();
        EventSourceMapping mapping = start(settings(stream).startingPosition(StartPosition.latest()).build(), function);
        await("the poller to be positioned", () -> mapping.checkpoints().directory().toFile().exists());
        StreamTestServers.sleep(800);

        servers.put(stream, records("new", 3));
        awaitHandled(mapping, 3);
        StreamTestServers.sleep(300);

        assertThat(function.allData()).containsExactlyElementsOf(data("new", 3));
    }

    @Test
    void atTimestampStartsAtTheFirstRecordArrivedFromThatTime() {
        String stream = servers.freshStream("esm-at", 1);
        servers.put(stream, records("before", 4));
        StreamTestServers.sleep(1100);
        Instant from = Instant.now();
        StreamTestServers.sleep(200);
        servers.put(stream, records("after", 3));
        RecordingFunction function = RecordingFunction.succeeding();

        EventSourceMapping mapping = start(settings(stream).startingPosition(StartPosition.atTimestamp(from)).build(), function);
        awaitHandled(mapping, 3);
        StreamTestServers.sleep(300);

        assertThat(function.allData()).containsExactlyElementsOf(data("after", 3));
    }

    @Test
    void aFailingBatchIsRetriedMaximumRetryAttemptsTimesThenDescribedToTheOnFailureQueue() throws IOException {
        String stream = servers.freshStream("esm-retry", 1);
        String queue = servers.freshQueue("esm-retry-dlq");
        List<String> seqs = servers.put(stream, records("r", 4));
        RecordingFunction function = new RecordingFunction((batch, n) -> batch.get(0).data().equals("r0") ? error("boom") : ok(null));

        EventSourceMapping mapping = start(settings(stream).batchSize(2).maximumRetryAttempts(2).maximumRecordAgeSeconds(-1)
                .onFailureDestination(queue).build(), function);
        awaitHandled(mapping, 4);

        // r0,r1 invoked once + 2 retries, then given up; r2,r3 delivered after.
        assertThat(function.batches).extracting(b -> b.get(0).data()).containsExactly("r0", "r0", "r0", "r2");
        assertThat(mapping.metrics().retries()).isEqualTo(2);
        assertThat(mapping.metrics().recordsSentToOnFailure()).isEqualTo(2);
        assertThat(mapping.metrics().recordsDelivered()).isEqualTo(2);
        List<Message> messages = servers.drainQueue(queue, 1, Duration.ofSeconds(10));
        assertThat(messages).hasSize(1);
        JsonNode failure = RecordingFunction.JSON.readTree(messages.get(0).body());
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
        assertThat(failure.at("/requestContext/functionArn").asText()).isEqualTo(FUNCTION_ARN);
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
        assertThat(failure.at("/requestContext/requestId").asText()).isNotBlank();
        assertThat(failure.at("/responseContext/statusCode").asInt()).isEqualTo(200);
        assertThat(failure.at("/responseContext/executedVersion").asText()).isEqualTo("$LATEST");
        assertThat(failure.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
        assertThat(failure.get("version").asText()).isEqualTo("1.0");
        assertThat(Instant.parse(failure.get("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
        JsonNode info = failure.get("KinesisBatchInfo");
        assertThat(info.get("shardId").asText()).isEqualTo("shardId-000000000000");
        assertThat(info.get("startSequenceNumber").asText()).isEqualTo(seqs.get(0));
        assertThat(info.get("endSequenceNumber").asText()).isEqualTo(seqs.get(1));
        assertThat(info.get("batchSize").asInt()).isEqualTo(2);
        assertThat(info.get("streamArn").asText()).isEqualTo(stream);
        assertThat(Instant.parse(info.get("approximateArrivalOfFirstRecord").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(Instant.parse(info.get("approximateArrivalOfLastRecord").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(mapping.checkpoints().read("shardId-000000000000")).contains(seqs.get(3));
    }

    @Test
    void bisectIsolatesThePoisonRecordWithoutUsingUpRetriesOnSplits() throws IOException {
        String stream = servers.freshStream("esm-bisect", 1);
        String queue = servers.freshQueue("esm-bisect-dlq");
        List<String> seqs = servers.put(stream, records("r", 8));
        RecordingFunction function = new RecordingFunction((batch, n) ->
                batch.stream().anyMatch(r -> r.data().equals("r5")) ? error("poison") : ok(null));

        EventSourceMapping mapping = start(settings(stream).batchSize(8).bisectBatchOnFunctionError(true).maximumRetryAttempts(1).maximumRecordAgeSeconds(-1)
                .onFailureDestination(queue).build(), function);
        awaitHandled(mapping, 8);

        // [0..7] fails → [0..3] ok, [4..7] fails → [4,5] fails → [4] ok, [5] fails, retried once, given up → [6,7] ok.
        assertThat(function.batches).extracting(b -> b.stream().map(Rec::data).toList()).containsExactly(
                data("r", 8), List.of("r0", "r1", "r2", "r3"), List.of("r4", "r5", "r6", "r7"), List.of("r4", "r5"),
                List.of("r4"), List.of("r5"), List.of("r5"), List.of("r6", "r7"));
        assertThat(mapping.metrics().recordsDelivered()).isEqualTo(7);
        assertThat(mapping.metrics().recordsSentToOnFailure()).isEqualTo(1);
        assertThat(mapping.metrics().retries()).isEqualTo(1);
        JsonNode failure = RecordingFunction.JSON.readTree(servers.drainQueue(queue, 1, Duration.ofSeconds(10)).get(0).body());
        assertThat(failure.at("/KinesisBatchInfo/startSequenceNumber").asText()).isEqualTo(seqs.get(5));
        assertThat(failure.at("/KinesisBatchInfo/endSequenceNumber").asText()).isEqualTo(seqs.get(5));
        assertThat(failure.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(1);
        assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(5);
    }

    @Test
    void reportedItemFailuresCheckpointBeforeTheLowestAndRetryFromIt() {
        String stream = servers.freshStream("esm-partial", 1);
        List<String> seqs = servers.put(stream, records("r", 6));
        RecordingFunction function = new RecordingFunction((batch, n) -> n == 0
                ? ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + batch.get(4).sequenceNumber() + "\"},"
                        + "{\"itemIdentifier\":\"" + batch.get(2).sequenceNumber() + "\"}]}")
                : ok("{\"batchItemFailures\":[]}"));

        EventSourceMapping mapping = start(settings(stream).reportBatchItemFailures(true).build(), function);
        awaitHandled(mapping, 6);

        assertThat(function.batches).extracting(b -> b.stream().map(Rec::data).toList())
                .containsExactly(data("r", 6), List.of("r2", "r3", "r4", "r5"));
        assertThat(mapping.metrics().recordsDelivered()).isEqualTo(6);
        assertThat(mapping.metrics().retries()).isEqualTo(1);
        assertThat(mapping.checkpoints().read("shardId-000000000000")).contains(seqs.get(5));
    }

    @Test
    void aMalformedItemIdentifierFailsTheWholeBatch() {
        String stream = servers.freshStream("esm-malformed", 1);
        servers.put(stream, records("r", 3));
        RecordingFunction function = new RecordingFunction((batch, n) -> n == 0
                ? ok("{\"batchItemFailures\":[{\"itemIdentifier\":\"not-a-sequence-number\"}]}")
                : ok(null));

        EventSourceMapping mapping = start(settings(stream).reportBatchItemFailures(true).build(), function);
        awaitHandled(mapping, 3);

        assertThat(function.batches).extracting(b -> b.stream().map(Rec::data).toList()).containsExactly(data("r", 3), data("r", 3));
        assertThat(mapping.metrics().retries()).isEqualTo(1);
    }

    @Test
    void recordsOlderThanMaximumRecordAgeAreGivenUpOn() throws IOException {
        String stream = servers.freshStream("esm-age", 1);
        String queue = servers.freshQueue("esm-age-dlq");
        servers.put(stream, records("r", 2));
        RecordingFunction function = new RecordingFunction((batch, n) -> error("always"));

        EventSourceMapping mapping = start(settings(stream).maximumRetryAttempts(-1).maximumRecordAgeSeconds(1)
                .onFailureDestination(queue).build(), function);
        awaitHandled(mapping, 2);

        JsonNode failure = RecordingFunction.JSON.readTree(servers.drainQueue(queue, 1, Duration.ofSeconds(10)).get(0).body());
        assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(failure.at("/KinesisBatchInfo/batchSize").asInt()).isEqualTo(2);
        assertThat(mapping.metrics().recordsSentToOnFailure()).isEqualTo(2);
        assertThat(function.batches.size()).isGreaterThan(1);
    }

    @Test
    void aTimeoutIsAFailedInvocationLikeAnError() {
        String stream = servers.freshStream("esm-timeout", 1);
        servers.put(stream, records("r", 2));
        RecordingFunction function = new RecordingFunction((batch, n) ->
                n == 0 ? LambdaInvoker.InvocationResult.timeout(Duration.ofSeconds(3)) : ok(null));

        EventSourceMapping mapping = start(settings(stream).build(), function);
        awaitHandled(mapping, 2);

        assertThat(function.batches).hasSize(2);
        assertThat(mapping.metrics().retries()).isEqualTo(1);
        assertThat(mapping.metrics().recordsDelivered()).isEqualTo(2);
    }

    @Test
    void parallelizationRunsBatchesOfAShardConcurrentlyAndKeepsEachKeysOrder() {
        String stream = servers.freshStream("esm-parallel", 1);
        List<String[]> input = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            input.add(new String[] {"key-" + (i % 12), "key-" + (i % 12) + ":" + i});
        }
        servers.put(stream, input);
        RecordingFunction function = new RecordingFunction((batch, n) -> {
            StreamTestServers.sleep(60);
            return ok(null);
        });

        EventSourceMapping mapping = start(settings(stream).batchSize(5).parallelizationFactor(4).build(), function);
        awaitHandled(mapping, 120);

        assertThat(function.maxConcurrent.get()).isGreaterThan(1);
        Map<String, List<Integer>> orderByKey = new HashMap<>();
        for (List<Rec> batch : function.batches) {
            for (Rec r : batch) {
                orderByKey.computeIfAbsent(r.partitionKey(), k -> new ArrayList<>()).add(Integer.parseInt(r.data().split(":")[1]));
            }
        }
        assertThat(orderByKey).hasSize(12);
        orderByKey.values().forEach(order -> assertThat(order).isSorted().doesNotHaveDuplicates());
        assertThat(function.allData()).hasSize(120);
        assertThat(mapping.checkpoints().read("shardId-000000000000")).isPresent();
    }

    @Test
    void eachShardHasItsOwnPollerAndCheckpoint() {
        String stream = servers.freshStream("esm-shards", 3);
        List<String[]> input = IntStream.range(0, 60).mapToObj(i -> new String[] {"k" + i, "v" + i}).toList();
        servers.put(stream, input);
        RecordingFunction function = RecordingFunction.succeeding();

        EventSourceMapping mapping = start(settings(stream).build(), function);
        awaitHandled(mapping, 60);

        assertThat(new LinkedHashSet<>(function.allData())).hasSize(60);
        assertThat(function.batches).allSatisfy(b ->
                assertThat(b.stream().map(r -> r.eventId().substring(0, r.eventId().indexOf(':'))).distinct()).hasSize(1));
        long shardsWithCheckpoint = IntStream.range(0, 3)
                .filter(i -> mapping.checkpoints().read(String.format("shardId-%012d", i)).isPresent()).count();
        assertThat(shardsWithCheckpoint).isEqualTo(function.batches.stream()
                .map(b -> b.get(0).eventId().substring(0, b.get(0).eventId().indexOf(':'))).distinct().count());
    }

    @Test
    void aRestartedMappingResumesAfterItsCheckpointAndRedeliversTheBatchThatWasInFlight() {
        String stream = servers.freshStream("esm-restart", 1);
        servers.put(stream, records("first", 5));
        RecordingFunction first = RecordingFunction.succeeding();
        EventSourceMapping mapping = start(settings(stream).build(), first);
        awaitHandled(mapping, 5);
        mapping.stop(2000);

        servers.put(stream, records("second", 3));
        // This run is stopped while its batch is still failing: nothing of it is checkpointed.
        RecordingFunction stuck = new RecordingFunction((batch, n) -> error("down"));
        EventSourceMapping interrupted = start(settings(stream).build(), stuck);
        await("the stuck batch to be tried", () -> stuck.batches.size() >= 2);
        interrupted.stop(200);

        RecordingFunction third = RecordingFunction.succeeding();
        EventSourceMapping resumed = start(settings(stream).build(), third);
        awaitHandled(resumed, 3);

        assertThat(first.allData()).containsExactlyElementsOf(data("first", 5));
        assertThat(stuck.batches.get(0)).extracting(Rec::data).containsExactlyElementsOf(data("second", 3));
        assertThat(third.allData()).containsExactlyElementsOf(data("second", 3));
    }

    @Test
    void afterAReshardTheChildShardsAreReadOnceTheirParentIsDone() {
        String stream = servers.freshStream("esm-reshard", 1);
        servers.put(stream, records("before", 5));
        RecordingFunction function = RecordingFunction.succeeding();
        EventSourceMapping mapping = start(settings(stream).build(), function);
        awaitHandled(mapping, 5);

        servers.kinesis.updateShardCount(r -> r.streamARN(stream).targetShardCount(2).scalingType(ScalingType.UNIFORM_SCALING));
        await("the reshard", () -> servers.kinesis.describeStreamSummary(r -> r.streamARN(stream)).streamDescriptionSummary()
                .streamStatus() == StreamStatus.ACTIVE);
        List<String[]> after = IntStream.range(0, 20).mapToObj(i -> new String[] {"key-" + i, "after" + i}).toList();
        servers.put(stream, after);
        awaitHandled(mapping, 25);

        assertThat(function.allData()).hasSize(25).containsAll(data("before", 5)).containsAll(data("after", 20));
        List<String> shardsRead = function.batches.stream().flatMap(List::stream)
                .map(r -> r.eventId().substring(0, r.eventId().indexOf(':'))).distinct().toList();
        assertThat(shardsRead).hasSizeGreaterThan(1).startsWith("shardId-000000000000");
        shardsRead.forEach(shard -> assertThat(mapping.checkpoints().read(shard)).isPresent());
    }

    @Test
    void aBatchThatCannotReachTheFunctionIsRetriedInsteadOfStallingTheShard() {
        String stream = servers.freshStream("esm-unreachable", 1);
        servers.put(stream, records("r", 3));
        RecordingFunction function = RecordingFunction.succeeding();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        LambdaInvoker flaky = (id, event) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("container failed to start");
            }
            return function.invoke(id, event);
        };

        EventSourceMapping mapping = start(settings(stream).build(), flaky);
        awaitHandled(mapping, 3);

        assertThat(function.allData()).containsExactlyElementsOf(data("r", 3));
        assertThat(mapping.metrics().retries()).isEqualTo(1);
    }
}
