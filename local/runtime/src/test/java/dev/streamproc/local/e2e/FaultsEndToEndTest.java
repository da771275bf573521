package dev.streamproc.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamproc.local.LocalRuntime;
import dev.streamproc.local.demo.BadInput;
import dev.streamproc.local.demo.Demo;
import dev.streamproc.local.demo.DemoOptions;
import dev.streamproc.local.demo.DemoReport;
import dev.streamproc.local.demo.DemoSummary;
import dev.streamproc.local.demo.StreamCensus;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.model.Tweet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Faults in the consumer path, on the real stack, in one run: a record the function always fails on (it must be
 * isolated by bisection, retried a bounded number of times, reported to the on-failure queue, and everything
 * else stored), and the consumer's container killed with SIGKILL in the middle of a batch (the batch is retried
 * and its items are not duplicated). The faults come from {@link FaultyConsumerHandler}, a test wrapper around
 * the real consumer deployed in place of its handler.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultsEndToEndTest {

    static final long SEED = 11;
    static final int TWEETS = 400;
    static final String POISON_ID = "9100000000000000001";
    static final String SLOW_ID = "9100000000000000002";

    /** One directory for the whole class (a {@code @TempDir} field may be injected anew per test method). */
    Path dataDir;

    Demo demo;
    DemoReport report;
    ExpectedTweets expected;
    final AtomicInteger containersKilled = new AtomicInteger();
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    static byte[] status(String id, String user, String text) {
        return ("{\"id_str\":\"" + id + "\",\"id\":" + id + ",\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\",\"text\":\"" + text
                + "\",\"lang\":\"en\",\"user\":{\"id_str\":\"42\",\"screen_name\":\"" + user + "\",\"name\":\"Fault\","
                + "\"followers_count\":1},\"entities\":{\"hashtags\":[]},\"retweet_count\":0,\"favorite_count\":0,"
                + "\"topic\":\"faults\"}").getBytes(StandardCharsets.UTF_8);
    }

    @BeforeAll
    void runWithFaults() throws Exception {
        dataDir = Files.createTempDirectory("streamproc-e2e");
        Path testClasses = handlerClassDirectory(dataDir);
        LocalRuntime.Tuning tuning = new LocalRuntime.Tuning(
                spec -> !spec.logicalId().equals("ConsumerFunction") ? spec
                        : new FunctionSpec(spec.logicalId(), spec.functionName(), spec.arn(), prepend(testClasses, spec.classpath()),
                        FaultyConsumerHandler.class.getName() + "::handleRequest", spec.memoryMb(), spec.timeout(), spec.environment()),
                settings -> settings.toBuilder().idlePollInterval(Duration.ofMillis(500)).retryDelay(Duration.ofMillis(100)).build());
        DemoOptions options = DemoOptions.builder().tweets(TWEETS).rate(100).seed(SEED).malformed(0).notices(0)
                .dataDir(dataDir).build();
        expected = ExpectedTweets.of(SEED, options.start(), TWEETS);
        demo = new Demo(options, new PrintStream(console, true, StandardCharsets.UTF_8), tuning)
                .extraInput(List.of(new BadInput.Put("tweet", FaultyConsumerHandler.POISON + "1", status(POISON_ID, "poison_user", "poison")),
                        new BadInput.Put("tweet", FaultyConsumerHandler.SLOW + "1", status(SLOW_ID, "slow_user", "slow"))));
        demo.start();
        Thread killer = new Thread(this::killTheConsumerMidBatch, "container-killer");
        killer.setDaemon(true);
        killer.start();
        demo.produce();
        report = demo.drain();
        killer.interrupt();
        DemoSummary.print(report, new PrintStream(console, true, StandardCharsets.UTF_8));
        System.out.println(console.toString(StandardCharsets.UTF_8));
    }

    /**
     * The wrapper's class file in a directory of its own: the container loads it from there, so a rebuild of the
     * module's test classes while the test runs cannot take it away from a restarted container.
     */
    static Path handlerClassDirectory(Path dataDir) throws Exception {
        String resource = FaultyConsumerHandler.class.getName().replace('.', '/') + ".class";
        Path file = dataDir.resolve("fault-handler").resolve(resource);
        Files.createDirectories(file.getParent());
        try (var in = FaultyConsumerHandler.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, file);
        }
        return dataDir.resolve("fault-handler");
    }

    static List<Path> prepend(Path first, List<Path> rest) {
        List<Path> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Waits for the slow batch to be written and paused, then SIGKILLs every consumer container, once. */
    void killTheConsumerMidBatch() {
        Path log = dataDir.resolve("logs/ConsumerFunction.log");
        try {
            await("the consumer to pause mid-batch").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.exists(log) && Files.readString(log).contains(FaultyConsumerHandler.PAUSING));
            List<ProcessHandle> containers = ProcessHandle.current().descendants()
                    .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).stream()
                            .anyMatch(a -> a.contains(FaultyConsumerHandler.class.getName())))
                    .toList();
            System.out.println("killing " + containers.size() + " consumer container(s) mid-batch: "
                    + containers.stream().map(ProcessHandle::pid).toList());
            containers.forEach(ProcessHandle::destroyForcibly);
            containersKilled.addAndGet(containers.size());
        } catch (Exception e) {
            // the assertions below report that no container was killed
        }
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
        TempFiles.delete(dataDir);
    }

    long logLines(String text) throws Exception {
        return Files.readAllLines(dataDir.resolve("logs/ConsumerFunction.log")).stream().filter(l -> l.startsWith(text)).count();
    }

    @Test
    void everyRecordIsAccountedForDespiteTheFaults() {
        assertThat(report.accounting().problems()).isEmpty();
        assertThat(report.accounting().consumerOnFailure()).isEqualTo(1);
    }

    @Test
    void bisectionIsolatesThePoisonRecordAndItAloneGoesToTheOnFailureQueue() {
        StreamCensus.UserRecord poison = demo.census().userRecords().stream()
                .filter(r -> r.partitionKey().startsWith(FaultyConsumerHandler.POISON)).findFirst().orElseThrow();

        assertThat(report.failedBatches()).singleElement().satisfies(batch -> {
            assertThat(batch.shardId()).isEqualTo(poison.shardId());
            assertThat(batch.startSequenceNumber()).isEqualTo(poison.sequenceNumber());
            assertThat(batch.endSequenceNumber()).isEqualTo(poison.sequenceNumber());
            assertThat(batch.batchSize()).isEqualTo(1);
            assertThat(batch.condition()).isEqualTo("RetryAttemptsExhausted");
            assertThat(batch.message().path("responseContext").path("functionError").asText()).isEqualTo("Unhandled");
        });
    }

    @Test
    void retriesOfThePoisonRecordAreBounded() throws Exception {
        // MaximumRetryAttempts 5 in the template: the isolated record is tried 1 + 5 times; the bisection steps
        // above it (batch of at most 100 → 1) add at most 7 more invocations that contain it.
        long poisonedInvocations = logLines("fault: poison record");

        assertThat(poisonedInvocations).isBetween(6L, 6L + 7L);
    }

    @Test
    void everyOtherRecordIsStoredAndThePoisonOneIsNot() {
        Map<String, Object> ids = DynamoItems.scanAll(demo.pipeline().cloud().dynamoDbClient(), demo.tableName()).stream()
                .collect(Collectors.toMap(i -> (String) i.get("Id"), i -> i.get("Username")));

        assertThat(ids).doesNotContainKey(POISON_ID).containsEntry(SLOW_ID, "slow_user");
        assertThat(ids.keySet()).containsAll(expected.tweets().stream().map(Tweet::id).toList())
                .hasSize(expected.tweets().size() + 1);
    }

    @Test
    void theBatchRunningWhenItsContainerWasKilledIsRetriedWithoutDuplicateItems() throws Exception {
        assertThat(containersKilled.get()).as("consumer containers killed while the slow batch paused").isPositive();
        assertThat(report.coldStarts().get("ConsumerFunction")).as("a new container replaced the killed one").hasSizeGreaterThanOrEqualTo(2);
        assertThat(logLines(FaultyConsumerHandler.PAUSING)).as("the slow batch ran again after the kill").isGreaterThanOrEqualTo(2);
        assertThat(report.esmRetries()).isPositive();
        assertThat(report.accounting().eventDataItems()).isEqualTo(expected.tweets().size() + 1);
    }

    @Test
    void theArchivePathIsUnaffected() {
        assertThat(report.accounting().s3OkRows() + report.accounting().dropped() + report.accounting().processingFailed())
                .isEqualTo(report.accounting().userRecords());
        assertThat(demo.archive().rows()).anySatisfy(row -> assertThat(new String(row.bytes(), StandardCharsets.UTF_8)).contains(POISON_ID));
    }

}
