package dev.streamproc.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.LocalPipeline;
import dev.streamproc.local.LocalRuntime;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.demo.ArchiveCensus;
import dev.streamproc.local.demo.ConsumerLog;
import dev.streamproc.local.demo.OnFailureQueue;
import dev.streamproc.local.e2e.BadRecordBattery.Archive;
import dev.streamproc.local.e2e.BadRecordBattery.Category;
import dev.streamproc.local.e2e.BadRecordBattery.Consumer;
import dev.streamproc.local.e2e.BadRecordBattery.Entry;
import dev.streamproc.local.e2e.BadRecordBattery.Part;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.firehose.FirehoseDelivery;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The bad-record battery (issue 11) on the real local stack: good tweets and every kind of hostile record, mixed in
 * the same PutRecords batches and on every shard, then every user record traced to its outcome on both paths —
 * consumer (EventData item, rejected with a logged reason, on-failure queue, skipped notice) and archive (S3 row,
 * processing-failed line, Dropped). Each record must have exactly one outcome per path, the one its kind calls for;
 * no good record is lost beside a bad one, and no shard stalls: every shard's checkpoint, on both paths, reaches
 * the shard's last record.
 *
 * <p>Self-contained (its own stack on a fresh data directory, 4 shards), so it can move to shared servers as is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class BadRecordBatteryEndToEndTest {

    static final long SEED = 11;
    static final int SHARDS = 4;
    static final int GOOD_PER_SHARD = 25;
    /** PutRecords: at most 500 entries and 5 MiB a call (Kinesis API reference); smaller here, to mix more batches. */
    static final int BATCH_ENTRIES = 40;
    static final long BATCH_BYTES = 4L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One user record where the stream put it, and what it is. */
    record Placed(String shardId, String sequenceNumber, long subSequenceNumber, Part part) {
        String position() {
            return shardId + "/" + sequenceNumber + "/" + subSequenceNumber;
        }
    }

    Path dataDir;
    LocalPipeline pipeline;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final Map<String, Placed> placed = new LinkedHashMap<>();
    final Map<String, String> intendedShard = new HashMap<>();
    final List<String> misplaced = new ArrayList<>();
    final Map<String, BigInteger> lastSequence = new TreeMap<>();
    int putCalls;
    int throttledEntries;

    final Map<Placed, List<Consumer>> consumerOutcomes = new LinkedHashMap<>();
    final Map<Placed, List<Archive>> archiveOutcomes = new LinkedHashMap<>();
    final Map<Category, TreeSet<String>> consumerReasons = new EnumMap<>(Category.class);
    final Map<Category, TreeSet<String>> archiveReasons = new EnumMap<>(Category.class);
    long skippedByConsumer;
    long droppedByFirehose;
    final List<String> unknownOutcomes = new ArrayList<>();

    @BeforeAll
    void putTheBatteryAndWaitForBothPaths() throws Exception {
        dataDir = Files.createTempDirectory("streamproc-battery");
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        LocalCloudConfig config = LocalCloudConfig.builder().dataDir(dataDir).stackName(LocalCloudConfig.DEFAULT_STACK_NAME)
                .parameters(Map.of("ShardCount", Integer.toString(SHARDS), "ProducerScheduleState", "DISABLED",
                        "ConsumerBatchingWindowSeconds", "0"))
                .parametersFile(null).out(line -> out.println("  " + line)).preflight(LocalRuntime.preflight(dataDir)).build();
        pipeline = LocalPipeline.start(config, out, false, new LocalRuntime.Tuning(spec -> spec,
                settings -> settings.toBuilder().idlePollInterval(Duration.ofMillis(200)).retryDelay(Duration.ofMillis(100)).build()));
        KinesisClient kinesis = pipeline.cloud().kinesisClient();
        String stream = pipeline.cloud().template().physicalName("TweetStream");

        List<Shard> shards = kinesis.listShards(r -> r.streamName(stream)).shards();
        assertThat(shards).hasSize(SHARDS);
        BadRecordBattery battery = new BadRecordBattery(SEED);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            for (Entry entry : battery.forShard(i, shards.get(i).hashKeyRange().startingHashKey(), GOOD_PER_SHARD)) {
                intendedShard.put(entry.partitionKey(), shards.get(i).shardId());
                entries.add(entry);
            }
        }
        Collections.shuffle(entries, new Random(SEED)); // good and bad records share batches
        put(kinesis, stream, entries);

        awaitBothPaths();
        account();
        System.out.println(console.toString(StandardCharsets.UTF_8));
        System.out.println(table());
    }

    /** PutRecords in mixed batches; entries a call failed (throttled by the shard's write limit) are put again. */
    void put(KinesisClient kinesis, String stream, List<Entry> entries) throws InterruptedException {
        Deque<Entry> pending = new ArrayDeque<>(entries);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!pending.isEmpty()) {
            assertThat(System.nanoTime() - deadline).as("every entry put within 60 s").isNegative();
            List<Entry> batch = new ArrayList<>();
            long bytes = 0;
            while (!pending.isEmpty() && batch.size() < BATCH_ENTRIES && bytes + pending.peek().size() <= BATCH_BYTES) {
                bytes += pending.peek().size();
                batch.add(pending.poll());
            }
            PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(stream).records(batch.stream()
                    .map(e -> PutRecordsRequestEntry.builder().partitionKey(e.partitionKey()).explicitHashKey(e.explicitHashKey())
                            .data(SdkBytes.fromByteArray(e.data())).build()).toList()));
            putCalls++;
            List<Entry> again = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                PutRecordsResultEntry result = response.records().get(i);
                Entry entry = batch.get(i);
                if (result.errorCode() != null) {
                    again.add(entry);
                    continue;
                }
                if (!result.shardId().equals(intendedShard.get(entry.partitionKey()))) {
                    misplaced.add(entry.partitionKey() + " on " + result.shardId());
                }
                for (int sub = 0; sub < entry.parts().size(); sub++) {
                    Placed p = new Placed(result.shardId(), result.sequenceNumber(), sub, entry.parts().get(sub));
                    placed.put(p.position(), p);
                }
                lastSequence.merge(result.shardId(), new BigInteger(result.sequenceNumber()), BigInteger::max);
            }
            if (!again.isEmpty()) {
                throttledEntries += again.size();
                Collections.reverse(again);
                again.forEach(pending::addFirst);
                Thread.sleep(300);
            }
        }
    }

    /** Until every shard's checkpoint, on both paths, is at the shard's last record, and Firehose holds nothing back. */
    void awaitBothPaths() {
        EventSourceMapping consumer = pipeline.mappings().get(0);
        FirehoseDelivery archive = pipeline.deliveries().get(0);
        await("the consumer's checkpoints at every shard's last record").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> lastSequence.entrySet().stream().allMatch(e -> reached(consumer.checkpoints().read(e.getKey()), e.getValue())));
        await("Firehose to take every Kinesis record").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> archive.metrics().kinesisRecordsIn() >= placed.values().stream().map(p -> p.shardId() + p.sequenceNumber()).distinct().count());
        archive.flushNow(); // the processor buffers for 60 s: the run is over, so flush as on shutdown
        await("Firehose's checkpoints at every shard's last record").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> archive.metrics().inFlight() == 0
                        && lastSequence.entrySet().stream().allMatch(e -> reached(archive.checkpoints().read(e.getKey()), e.getValue())));
    }

    static boolean reached(java.util.Optional<String> checkpoint, BigInteger last) {
        return checkpoint.map(c -> new BigInteger(c).compareTo(last) >= 0).orElse(false);
    }

    /** Traces every outcome each path reports back to the user record it came from. */
    void account() throws Exception {
        placed.values().forEach(p -> {
            consumerOutcomes.put(p, new ArrayList<>());
            archiveOutcomes.put(p, new ArrayList<>());
        });
        Map<String, Placed> byTweetId = new HashMap<>();
        Map<String, Placed> byData = new HashMap<>();
        for (Placed p : placed.values()) {
            if (p.part().tweetId() != null) {
                byTweetId.put(p.part().tweetId(), p);
            }
            byData.put(Base64.getEncoder().encodeToString(p.part().data()), p);
        }

        // Consumer: items by their lineage, rejections by the log's position, on-failure batches by their ranges.
        String table = pipeline.cloud().template().physicalName("EventDataTable");
        for (Map<String, Object> item : DynamoItems.scanAll(pipeline.cloud().dynamoDbClient(), table)) {
            String position = item.get("ShardId") + "/" + item.get("SequenceNumber") + "/" + item.getOrDefault("SubSequenceNumber", 0L);
            Placed p = placed.get(position);
            if (p == null || !item.get("Id").equals(p.part().tweetId())) {
                unknownOutcomes.add("EventData item " + item.get("Id") + " written by " + position);
            } else {
                consumerOutcomes.get(p).add(Consumer.ITEM);
            }
        }
        Path consumerLog = pipeline.cloud().config().logDir().resolve("ConsumerFunction.log");
        for (String line : Files.readAllLines(consumerLog, StandardCharsets.UTF_8)) {
            JsonNode entry = ConsumerLog.json(line);
            String message = entry == null ? "" : entry.path("message").asText("");
            if (message.equals("user record rejected")) {
                String position = entry.path("shardId").asText() + "/" + entry.path("sequenceNumber").asText() + "/"
                        + entry.path("subSequenceNumber").asText();
                Placed p = placed.get(position);
                if (p == null) {
                    unknownOutcomes.add("consumer rejection of " + position);
                } else {
                    consumerOutcomes.get(p).add(Consumer.REJECTED);
                    consumerReasons.computeIfAbsent(p.part().category(), c -> new TreeSet<>()).add(reason(entry.path("reason").asText()));
                }
            } else if (message.equals("batch processed")) {
                skippedByConsumer += entry.path("skipped").asLong();
            }
        }
        EventSourceMapping mapping = pipeline.mappings().get(0);
        for (OnFailureQueue.FailedBatch batch : OnFailureQueue.read(pipeline.cloud().sqsClient(), mapping.settings().onFailureDestination())) {
            BigInteger from = new BigInteger(batch.startSequenceNumber());
            BigInteger to = new BigInteger(batch.endSequenceNumber());
            placed.values().stream().filter(p -> p.shardId().equals(batch.shardId()))
                    .filter(p -> new BigInteger(p.sequenceNumber()).compareTo(from) >= 0 && new BigInteger(p.sequenceNumber()).compareTo(to) <= 0)
                    .forEach(p -> consumerOutcomes.get(p).add(Consumer.ON_FAILURE));
        }

        // Archive: rows by tweet id, processing-failed lines by their raw data.
        FirehoseDelivery delivery = pipeline.deliveries().get(0);
        ArchiveCensus archive = ArchiveCensus.read(pipeline.cloud().s3Dir().resolve(delivery.settings().bucket()),
                delivery.settings().prefix(), delivery.settings().errorOutputPrefix());
        for (ArchiveCensus.Line row : archive.rows()) {
            String id = ArchiveCensus.idOf(row);
            Placed p = id == null ? null : byTweetId.get(id);
            if (p == null) {
                unknownOutcomes.add("S3 row with id " + id);
            } else {
                archiveOutcomes.get(p).add(Archive.ROW);
            }
        }
        for (ArchiveCensus.Line failed : archive.failed()) {
            JsonNode line = JSON.readTree(failed.bytes());
            Placed p = byData.get(line.path("rawData").asText());
            if (p == null) {
                unknownOutcomes.add("processing-failed line " + line.path("errorMessage").asText());
            } else {
                archiveOutcomes.get(p).add(Archive.FAILED);
                archiveReasons.computeIfAbsent(p.part().category(), c -> new TreeSet<>())
                        .add(line.path("errorCode").asText() + ": " + reason(line.path("errorMessage").asText()));
            }
        }
        droppedByFirehose = delivery.metrics().droppedRecords();

        // Skipped notices and Dropped records are counted, not listed: they are the records with no other outcome,
        // and their number must be the count each path reports.
        List<Placed> noConsumerOutcome = consumerOutcomes.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        if (noConsumerOutcome.size() == skippedByConsumer) {
            noConsumerOutcome.forEach(p -> consumerOutcomes.get(p).add(Consumer.SKIPPED));
        }
        List<Placed> noArchiveOutcome = archiveOutcomes.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        if (noArchiveOutcome.size() == droppedByFirehose) {
            noArchiveOutcome.forEach(p -> archiveOutcomes.get(p).add(Archive.DROPPED));
        }
    }

    /** A reason without the record-specific numbers, to group the same reason of many records. */
    static String reason(String text) {
        String general = text.replaceAll("\\d+", "N");
        return general.length() > 70 ? general.substring(0, 70) + "…" : general;
    }

    /** Category × outcome on each path: records with exactly one outcome, counted under it; others under "≠1". */
    String table() {
        StringBuilder t = new StringBuilder();
        String header = String.format("%-38s %5s | %5s %5s %5s %5s %4s | %5s %5s %5s %4s%n", "category", "recs", "item", "rejct", "onfail",
                "skip", "≠1", "row", "fail", "drop", "≠1");
        t.append(header).append("-".repeat(header.length() - 1)).append('\n');
        for (Category category : Category.values()) {
            List<Placed> records = placed.values().stream().filter(p -> p.part().category() == category).toList();
            Map<Consumer, Long> c = new EnumMap<>(Consumer.class);
            Map<Archive, Long> a = new EnumMap<>(Archive.class);
            long cOdd = 0;
            long aOdd = 0;
            for (Placed p : records) {
                List<Consumer> co = consumerOutcomes.get(p);
                if (co.size() == 1) {
                    c.merge(co.get(0), 1L, Long::sum);
                } else {
                    cOdd++;
                }
                List<Archive> ao = archiveOutcomes.get(p);
                if (ao.size() == 1) {
                    a.merge(ao.get(0), 1L, Long::sum);
                } else {
                    aOdd++;
                }
            }
            t.append(String.format("%-38s %5d | %5d %5d %5d %5d %4d | %5d %5d %5d %4d%n", category.label, records.size(),
                    c.getOrDefault(Consumer.ITEM, 0L), c.getOrDefault(Consumer.REJECTED, 0L), c.getOrDefault(Consumer.ON_FAILURE, 0L),
                    c.getOrDefault(Consumer.SKIPPED, 0L), cOdd, a.getOrDefault(Archive.ROW, 0L), a.getOrDefault(Archive.FAILED, 0L),
                    a.getOrDefault(Archive.DROPPED, 0L), aOdd));
        }
        t.append(String.format("%d user records in %d Kinesis records over %d shards, %d PutRecords calls (%d entries throttled and put again)%n",
                placed.size(), placed.values().stream().map(p -> p.shardId() + p.sequenceNumber()).distinct().count(), lastSequence.size(),
                putCalls, throttledEntries));
        t.append("reasons (consumer | archive):\n");
        for (Category category : Category.values()) {
            if (consumerReasons.containsKey(category) || archiveReasons.containsKey(category)) {
                t.append(String.format("  %-38s %s | %s%n", category.label, consumerReasons.getOrDefault(category, new TreeSet<>()),
                        archiveReasons.getOrDefault(category, new TreeSet<>())));
            }
        }
        return t.toString();
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        TempFiles.delete(dataDir);
    }

    @Test
    void everyKindOfRecordIsOnEveryShardInMixedBatches() {
        assertThat(misplaced).isEmpty();
        for (Category category : Category.values()) {
            assertThat(placed.values().stream().filter(p -> p.part().category() == category).map(Placed::shardId).distinct().count())
                    .as(category.label).isEqualTo(SHARDS);
        }
        assertThat(putCalls).as("several mixed batches").isGreaterThan(3);
    }

    @Test
    void everyOutcomeEitherPathReportsBelongsToARecordOfTheBattery() {
        assertThat(unknownOutcomes).isEmpty();
    }

    @Test
    void onTheConsumerPathEveryRecordHasExactlyTheOneOutcomeOfItsKind() {
        Map<String, String> wrong = new TreeMap<>();
        consumerOutcomes.forEach((p, outcomes) -> {
            if (!outcomes.equals(List.of(p.part().category().consumer))) {
                wrong.put(p.position(), p.part().category().label + ": " + outcomes);
            }
        });
        assertThat(wrong).as("records without exactly their expected outcome (skipped counted: %d)", skippedByConsumer).isEmpty();
    }

    @Test
    void onTheArchivePathEveryRecordHasExactlyTheOneOutcomeOfItsKind() {
        Map<String, String> wrong = new TreeMap<>();
        archiveOutcomes.forEach((p, outcomes) -> {
            if (!outcomes.equals(List.of(p.part().category().archive))) {
                wrong.put(p.position(), p.part().category().label + ": " + outcomes);
            }
        });
        assertThat(wrong).as("records without exactly their expected outcome (dropped counted: %d)", droppedByFirehose).isEmpty();
    }

    @Test
    void noGoodTweetIsLostBesideTheBadRecords() {
        Map<String, Object> items = DynamoItems.scanAll(pipeline.cloud().dynamoDbClient(), pipeline.cloud().template().physicalName("EventDataTable"))
                .stream().collect(Collectors.toMap(i -> (String) i.get("Id"), i -> i.get("Username")));
        List<String> good = placed.values().stream().filter(p -> p.part().category().consumer == Consumer.ITEM).map(p -> p.part().tweetId()).toList();

        assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(good);
    }

    @Test
    void noShardStalls() {
        assertThat(lastSequence).hasSize(SHARDS);
        lastSequence.forEach((shard, last) -> {
            assertThat(pipeline.mappings().get(0).checkpoints().read(shard)).as("consumer checkpoint of " + shard).hasValue(last.toString());
            assertThat(pipeline.deliveries().get(0).checkpoints().read(shard)).as("Firehose checkpoint of " + shard).hasValue(last.toString());
        });
    }
}
