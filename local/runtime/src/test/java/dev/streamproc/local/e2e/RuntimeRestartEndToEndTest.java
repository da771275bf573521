package dev.streamproc.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.demo.ArchiveCensus;
import dev.streamproc.local.demo.EventDataWatcher;
import dev.streamproc.local.demo.ProducerProcess;
import dev.streamproc.local.firehose.FirehoseSettings;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.model.AthenaRow;
import dev.streamproc.model.Tweet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The runtime (functions, event source mapping, Firehose delivery) is killed with SIGKILL while it is consuming,
 * and started again on the same data directory: it resumes from its checkpoints, loses nothing, and EventData
 * holds each tweet once. The local cloud stays up in the test's JVM; the runtime runs in a child JVM
 * ({@link RuntimeProcess}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeRestartEndToEndTest {

    static final long SEED = 23;
    static final int TWEETS = 600;
    static final List<String> OVERRIDES = List.of("ProducerScheduleState=DISABLED", "ConsumerBatchSize=1");

    Path dataDir;
    LocalCloud cloud;
    ExpectedTweets expected;
    List<String> consumerLogAfterRestart;
    long itemsAtKill;
    int processesKilled;
    ArchiveCensus archive;
    Map<String, Map<String, Object>> items;

    @BeforeAll
    void killTheRuntimeMidStreamAndRestartIt() throws Exception {
        dataDir = Files.createTempDirectory("streamproc-e2e");
        java.time.Instant start = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        expected = ExpectedTweets.of(SEED, start, TWEETS);
        // One Kinesis record per invocation: consumption takes many invocations, so the kill lands in the middle of it.
        cloud = LocalCloud.start(LocalCloudConfig.builder().dataDir(dataDir).parameter("ProducerScheduleState", "DISABLED")
                .parameter("ConsumerBatchSize", "1").parametersFile(null).out(line -> { }).build());
        Template template = cloud.template();
        Path runtimeLog = dataDir.resolve("runtime.log");
        Process runtime = RuntimeProcess.start(dataDir, runtimeLog, OVERRIDES);
        awaitLine(runtimeLog, RuntimeProcess.READY, 1, Duration.ofSeconds(120));

        try (EventDataWatcher watcher = new EventDataWatcher(cloud.dynamoDbClient(), template.physicalName("EventDataTable")).start();
             ProducerProcess producer = ProducerProcess.start(
                     FunctionSpec.deploymentJar("ProducerFunction", template.function("ProducerFunction").codeUri()),
                     template.physicalName("TweetStream"), List.of("--source", "synthetic", "--seed", Long.toString(SEED),
                             "--start", start.toString(), "--count", Integer.toString(TWEETS), "--rate", "60"), cloud.sdkEnvironment(), dataDir)) {
            await(() -> watcher.count() >= TWEETS / 6, Duration.ofSeconds(180), "the first items in EventData");
            List<ProcessHandle> tree = runtime.descendants().toList();
            runtime.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no last checkpoint
            runtime.waitFor();
            tree.forEach(ProcessHandle::destroyForcibly); // its orphaned function containers
            processesKilled = 1 + tree.size();
            itemsAtKill = watcher.count();
            assertThat(producer.await(300).failed()).isZero();

            long logOffset = Files.size(dataDir.resolve("logs/ConsumerFunction.log"));
            Process restarted = RuntimeProcess.start(dataDir, runtimeLog, OVERRIDES);
            awaitLine(runtimeLog, RuntimeProcess.READY, 2, Duration.ofSeconds(120));
            await(() -> watcher.count() >= expected.tweets().size(), Duration.ofSeconds(240), "every tweet in EventData");
            Files.createFile(dataDir.resolve(RuntimeProcess.DRAIN_REQUEST)); // Firehose takes the stream's end, flushes, exits
            assertThat(restarted.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).as("the runtime drained and exited").isTrue();
            awaitLine(runtimeLog, RuntimeProcess.DRAINED, 1, Duration.ofSeconds(5));
            byte[] log = Files.readAllBytes(dataDir.resolve("logs/ConsumerFunction.log"));
            consumerLogAfterRestart = new String(log, (int) logOffset, (int) (log.length - logOffset), StandardCharsets.UTF_8).lines().toList();
        }
        items = DynamoItems.scanAll(cloud.dynamoDbClient(), template.physicalName("EventDataTable")).stream()
                .collect(Collectors.toMap(i -> i.get("Username") + "/" + i.get("Id"), i -> i));
        FirehoseSettings firehose = FirehoseSettings.fromResource(template.physicalName("DeliveryStream"), template.region(),
                template.accountId(), template.resource("DeliveryStream").properties());
        archive = ArchiveCensus.read(cloud.s3Dir().resolve(firehose.bucket()), firehose.prefix(), firehose.errorOutputPrefix());
    }

    @AfterAll
    void stop() {
        if (cloud != null) {
            cloud.close();
        }
        TempFiles.delete(dataDir);
    }

    /** Waits until the log holds {@code text} {@code times} times (both runtimes append to the same log). */
    static void awaitLine(Path log, String text, int times, Duration timeout) throws Exception {
        await(() -> {
            try {
                return Files.exists(log) && Files.readString(log).split(text, -1).length > times;
            } catch (Exception e) {
                return false;
            }
        }, timeout, "'" + text + "' in " + log);
    }

    static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        Awaitility.await(what).atMost(timeout).pollInterval(Duration.ofMillis(200)).until(condition::getAsBoolean);
    }

    @Test
    void theRuntimeWasKilledMidStream() {
        assertThat(processesKilled).isGreaterThanOrEqualTo(2); // the runtime JVM and at least one container
        assertThat(itemsAtKill).isGreaterThan(0).isLessThan(expected.tweets().size());
    }

    @Test
    void nothingIsLostAndEventDataHoldsEachTweetOnce() {
        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(
                expected.tweets().stream().map(t -> t.username() + "/" + t.id()).toList());
        for (Tweet tweet : expected.tweets()) {
            Map<String, Object> item = items.get(tweet.username() + "/" + tweet.id());
            assertThat(item.get("Message")).isEqualTo(tweet.text());
            assertThat(item.get("Timestamp")).isNotNull();
        }
    }

    @Test
    void theRestartedRuntimeResumedFromItsCheckpointsNotFromTheStart() throws Exception {
        ObjectMapper json = new ObjectMapper();
        long userRecordsAfterRestart = 0;
        for (String line : consumerLogAfterRestart) {
            int start = line.indexOf('{');
            if (start >= 0 && line.contains("batch processed")) {
                JsonNode entry = json.readTree(line.substring(start));
                userRecordsAfterRestart += entry.path("userRecords").asLong();
            }
        }
        assertThat(userRecordsAfterRestart).as("user records the consumer saw after the restart")
                .isPositive().isLessThan(TWEETS);
        assertThat(dataDir.resolve("checkpoints")).isDirectoryContaining(p -> p.getFileName().toString().startsWith("esm-"))
                .isDirectoryContaining(p -> p.getFileName().toString().startsWith("firehose-"));
    }

    @Test
    void theArchiveHasEveryTweetAndOnlyTransformerRows() {
        Set<String> wanted = expected.tweets().stream()
                .map(t -> new String(AthenaRow.toJsonLine(t), StandardCharsets.UTF_8).stripTrailing()).collect(Collectors.toSet());
        List<String> rows = archive.rows().stream().map(r -> new String(r.bytes(), StandardCharsets.UTF_8)).toList();

        assertThat(new HashSet<>(rows)).as("every tweet archived at least once").isEqualTo(wanted);
        // At-least-once after a crash: rows written to S3 but not yet checkpointed are delivered again.
        System.out.println("archive after the SIGKILL: " + rows.size() + " rows for " + wanted.size() + " tweets ("
                + (rows.size() - wanted.size()) + " redelivered)");
        assertThat(archive.failed()).isEmpty();
    }
}
