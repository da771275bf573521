package dev.streamproc.consumer;

import static dev.streamproc.consumer.StreamRecords.aggregate;
import static dev.streamproc.consumer.StreamRecords.plain;
import static dev.streamproc.consumer.StreamRecords.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamproc.lambdakit.Backoff;
import dev.streamproc.lambdakit.Deadline;
import dev.streamproc.lambdakit.DynamoDbClients;
import dev.streamproc.lambdakit.KinesisRecord;
import dev.streamproc.lambdakit.testing.FaultInjectingHttpClient;
import dev.streamproc.lambdakit.testing.RecordingMetrics;
import dev.streamproc.lambdakit.testing.TestContext;
import dev.streamproc.local.cloud.server.DynamoDbServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The handler against a real DynamoDB Local, with events deserialized the way the Lambda
 * runtime does. Throttling and UnprocessedItems are injected on the HTTP wire.
 */
class ConsumerHandlerIntegrationTest {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbServer dynamoDbLocal;

    private FaultInjectingHttpClient wire;
    private DynamoDbClient dynamo;
    private EventDataTable table;
    private ConsumerHandler handler;
    private RecordingMetrics metrics;

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamoDbLocal = DynamoDbServer.start();
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        dynamoDbLocal.close();
    }

    @BeforeEach
    void freshTableAndFunction() {
        wire = new FaultInjectingHttpClient(DynamoDbClients.httpClient());
        dynamo = DynamoDbClients.configured()
                .httpClient(wire)
                .endpointOverride(URI.create(dynamoDbLocal.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        table = EventDataTable.create(dynamo, "EventData-" + TABLES.incrementAndGet());
        handler = new ConsumerHandler(dynamo, table.name());
        metrics = RecordingMetrics.install();
    }

    @AfterEach
    void closeClient() {
        dynamo.close();
    }

    @Test
    void storesEveryTweetOfAMixedBatchAndAccountsForEveryUserRecord() {
        List<byte[]> aggregated = new ArrayList<>(tweets(1_000, 40));
        aggregated.add(Fixtures.tweet("notice-limit.json"));
        aggregated.add(Fixtures.tweet("malformed.json"));
        byte[] corrupt = StreamRecords.aggregateBytes(tweets(2_000, 3));
        corrupt[20] ^= 0x55;
        List<KinesisRecord> records = List.of(
                plain(1, Fixtures.tweet("v1-status.json")),
                plain(2, Fixtures.tweet("v1-retweet-extended.json")),
                plain(3, Fixtures.tweet("v1-japanese.json")),
                plain(4, Fixtures.tweet("v1-emoji-escaped.json")),
                plain(5, Fixtures.tweet("v2-expanded.json")),
                plain(6, Fixtures.tweet("v2-bare.json")),
                plain(7, Fixtures.tweet("notice-delete.json")),
                plain(8, Fixtures.tweet("malformed.json")),
                plain(9, "{\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)),
                aggregate(10, aggregated),
                plain(11, corrupt));

        StreamsEventResponse response = handle(records, 30_000);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(metrics.flushed("RecordsIn")).isEqualTo(11);
        assertThat(metrics.flushed("UserRecords")).isEqualTo(9 + 42 + 1);
        assertThat(metrics.flushed("RecordsSkipped")).isEqualTo(2);
        assertThat(metrics.flushed("RecordsRejected")).isEqualTo(4);
        assertThat(metrics.flushed("ItemsWritten")).isEqualTo(46);
        assertThat(table.count() + metrics.flushed("RecordsSkipped") + metrics.flushed("RecordsRejected"))
                .as("stored + skipped + rejected = user records in")
                .isEqualTo(metrics.flushed("UserRecords"));
        assertThat(wire.batchWriteCalls).as("46 items take two BatchWriteItem calls").hasValue(2);
    }

    @Test
    void storesUnicodeTextByteExactAndFeedsTheByTopicIndex() {
        handle(List.of(plain(1, Fixtures.tweet("v1-japanese.json")), plain(2, Fixtures.tweet("v2-expanded.json")),
                plain(3, Fixtures.tweet("v1-emoji-escaped.json"))), 30_000);

        Map<String, AttributeValue> japanese = table.get("yamada_taro", "550000000000000004");
        assertThat(japanese.get("Message").s()).isEqualTo("あけましておめでとうございます！今年もよろしく #新年");
        assertThat(japanese.get("Timestamp").s()).isEqualTo("2015-01-01T03:00:00Z");
        assertThat(japanese.get("ShardId").s()).isEqualTo(StreamRecords.SHARD);
        assertThat(japanese.get("SequenceNumber").s()).isEqualTo(sequenceNumber(1));
        assertThat(japanese.get("SubSequenceNumber").n()).isEqualTo("0");
        assertThat(table.get("emoji_user", "566000000000000001").get("Message").s()).isEqualTo("Café time 🚀☕ 中文 #coffee");
        assertThat(table.latestOfTopic("#テスト").items()).singleElement()
                .satisfies(item -> assertThat(item.get("Message").s()).isEqualTo("日本語のv2ツイート #テスト 🍣"));
        assertThat(table.latestOfTopic("#新年").items()).singleElement()
                .satisfies(item -> assertThat(item.get("Username").s()).isEqualTo("yamada_taro"));
    }

    @Test
    void aTweetWhoseKeyBreaksDynamoDbsLimitsIsRejectedAloneAndTheGoodTweetsBesideItAreStored() {
        // Key limits: DynamoDB Developer Guide, "Constraints" (partition key 2,048 bytes, sort key 1,024 bytes).
        List<KinesisRecord> records = new ArrayList<>(plainTweets(20));
        records.add(plain(21, TestTweets.status("21", "u".repeat(3000), "a 3,000-character screen_name", "#t")));
        records.add(plain(22, TestTweets.status("9".repeat(1100), "bob", "a 1,100-digit id", "#t")));
        records.add(plain(23, TestTweets.status("23", "carol", "a 3,000-character topic", "#".repeat(3000))));
        records.add(aggregate(24, List.of(TestTweets.status(300), TestTweets.status("24", "語".repeat(700), "2,100 bytes", null))));

        StreamsEventResponse response = handle(records, 30_000);

        assertThat(response.getBatchItemFailures()).as("nothing to retry: the good tweets are stored").isEmpty();
        assertThat(table.count()).isEqualTo(21);
        assertThat(table.get("user6", "300")).isNotEmpty();
        assertThat(metrics.flushed("RecordsRejected")).isEqualTo(4);
        assertThat(metrics.flushed("ItemsWritten")).isEqualTo(21);
    }

    @Test
    void anItemDynamoDbRefusesDoesNotTakeTheOtherItemsOfItsCallDown() {
        // Written past the consumer's own key checks, as an item DynamoDB refuses for a reason not checked up front.
        Map<ItemKey, Map<String, Object>> items = new java.util.LinkedHashMap<>();
        for (int n = 1; n <= 25; n++) {
            String username = n == 13 ? "u".repeat(3000) : "user" + n;
            items.put(new ItemKey(username, Integer.toString(n)), Map.of("Username", username, "Id", Integer.toString(n),
                    "Timestamp", "2026-11-29T00:00:00Z", "ShardId", StreamRecords.SHARD,
                    "SequenceNumber", sequenceNumber(n), "SubSequenceNumber", 0L));
        }
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(2);
        // Straight to DynamoDB Local: the fault-injecting wire would turn its 400 answer into an I/O error.
        try (DynamoDbClient direct = DynamoDbClients.configured()
                .endpointOverride(URI.create(dynamoDbLocal.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            BatchWriter writer = new BatchWriter(direct, table.name(), executor,
                    new Backoff(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(50), () -> 0.5));

            WriteOutcome outcome = writer.write(items, Deadline.after(java.time.Duration.ofSeconds(30)));

            assertThat(outcome.itemsWritten()).isEqualTo(24);
            assertThat(outcome.unwritten()).as("nothing left to retry").isEmpty();
            assertThat(outcome.refused()).containsOnlyKeys(new ItemKey("u".repeat(3000), "13"));
            assertThat(outcome.refused().values()).singleElement().asString().startsWith("refused by DynamoDB: ");
            assertThat(table.count()).isEqualTo(24);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void retriesThrottledCallsUntilEverythingIsStored() {
        wire.throttleNextBatchWrites(4);

        StreamsEventResponse response = handle(plainTweets(60), 30_000);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(table.count()).isEqualTo(60);
        assertThat(wire.throttledCalls).hasValue(4);
        assertThat(metrics.flushed("WriteRetries")).isEqualTo(4);
        assertThat(metrics.flushed("ItemsWritten")).isEqualTo(60);
    }

    @Test
    void retriesUnprocessedItemsUntilEverythingIsStored() {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        wire.withholdItems(item -> attempts.computeIfAbsent(item.path("Id").path("S").asText(),
                id -> new AtomicInteger()).incrementAndGet() <= 2);

        StreamsEventResponse response = handle(plainTweets(30), 30_000);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(table.count()).isEqualTo(30);
        assertThat(wire.withheldItems).as("every item came back unprocessed twice").hasValue(60);
        assertThat(metrics.flushed("WriteRetries")).as("two retries for each of the two calls").isEqualTo(4);
    }

    @Test
    void reportsExactlyTheRecordsWhoseItemsAreStillUnprocessedWhenTimeRunsOut() {
        Set<String> neverAccepted = Set.of("3", "75");
        wire.withholdItems(item -> neverAccepted.contains(item.path("Id").path("S").asText()));
        List<KinesisRecord> records = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            records.add(plain(n, TestTweets.status(n)));
        }
        records.add(aggregate(7, tweets(70, 10)));
        records.add(plain(8, Fixtures.tweet("notice-delete.json")));

        StreamsEventResponse response = handle(records, 2_500);

        assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly(sequenceNumber(3), sequenceNumber(7));
        assertThat(table.count()).isEqualTo(5 + 9);
        assertThat(table.get("user3", "3")).isEmpty();
        assertThat(metrics.flushed("WriteRetries")).isPositive();
        assertThat(metrics.flushed("ItemsWritten")).isEqualTo(14);
    }

    @Test
    void reportsEveryRecordWithItemsWhileDynamoDbKeepsThrottling() {
        wire.throttleEveryBatchWrite();
        List<KinesisRecord> records = List.of(
                plain(1, TestTweets.status(1)),
                plain(2, Fixtures.tweet("notice-delete.json")),
                plain(3, Fixtures.tweet("malformed.json")),
                aggregate(4, tweets(40, 30)));

        StreamsEventResponse response = handle(records, 1_500);

        assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
                .as("the notice and the malformed record are done with; the tweets must come again")
                .containsExactly(sequenceNumber(1), sequenceNumber(4));
        assertThat(table.count()).isZero();
    }

    @Test
    void aRedeliveredBatchOverwritesItsItemsInsteadOfDuplicatingThem() {
        List<KinesisRecord> records = new ArrayList<>(plainTweets(20));
        records.add(aggregate(21, tweets(500, 30)));

        handle(records, 30_000);
        assertThat(table.count()).isEqualTo(50);
        StreamsEventResponse again = handle(records, 30_000);

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(table.count()).isEqualTo(50);
    }

    @Test
    void aTweetPutTwiceByTheProducerIsStoredOnceUnderItsLatestRecord() {
        byte[] tweet = TestTweets.status(9);
        handle(List.of(plain(1, tweet), plain(2, tweet)), 30_000); // a KPL retry within one batch
        handle(List.of(plain(3, tweet)), 30_000); // and again in a later batch

        assertThat(table.count()).isEqualTo(1);
        assertThat(table.get("user2", "9").get("SequenceNumber").s()).isEqualTo(sequenceNumber(3));
    }

    @Test
    void anEmptyBatchSucceedsWithoutCallingDynamoDb() {
        StreamsEventResponse response = handle(List.of(), 30_000);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(wire.batchWriteCalls).hasValue(0);
        assertThat(metrics.flushed("RecordsIn")).isZero();
    }

    /** Lambda SnapStart runs the runtime hooks before it snapshots the container (docs: "SnapStart runtime hooks"). */
    @Test
    void snapStartPrimingRunsTheHotPathBeforeTheSnapshotAndLeavesNothingBehind() throws Exception {
        int primed = handler.priming().timesPrimed();

        handler.priming().beforeCheckpoint(null); // what the runtime calls before the snapshot (registered by the handler)

        assertThat(handler.priming().timesPrimed()).isEqualTo(primed + 1);
        assertThat(handler.priming().prime().requestItems().get(table.name())).hasSize(1); // the sample became an item
        assertThat(wire.batchWriteCalls).hasValue(0);
        assertThat(table.count()).isZero();

        StreamsEventResponse response = handle(plainTweets(5), 30_000);
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(table.count()).isEqualTo(5);
        assertThat(metrics.flushed("RecordsIn")).isEqualTo(5); // the first flush counts the real batch only
    }

    private StreamsEventResponse handle(List<KinesisRecord> records, int remainingMillis) {
        return handler.handleRequest(KinesisEvents.of(records), new TestContext("ConsumerFunction", remainingMillis));
    }

    private static List<KinesisRecord> plainTweets(int count) {
        List<KinesisRecord> records = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            records.add(plain(n, TestTweets.status(n)));
        }
        return records;
    }

    private static List<byte[]> tweets(long firstId, int count) {
        List<byte[]> tweets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tweets.add(TestTweets.status(firstId + i));
        }
        return tweets;
    }
}
