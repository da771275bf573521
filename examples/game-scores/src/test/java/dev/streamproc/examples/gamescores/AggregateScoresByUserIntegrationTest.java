package dev.streamproc.examples.gamescores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.streamproc.lambdakit.testing.LambdaEvents;
import dev.streamproc.lambdakit.testing.LocalDynamoDb;
import dev.streamproc.lambdakit.testing.RecordingMetrics;
import dev.streamproc.lambdakit.testing.TestContext;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Part 2 against a real DynamoDB Local: the lab's test event, redelivered batches (the seed's
 * code would double-count them), bad records beside good ones, and records read from the
 * GameScoreRecords table's own stream.
 */
@Timeout(120)
class AggregateScoresByUserIntegrationTest {

    private static LocalDynamoDb local;
    private static int stacks;

    private DynamoDbClient dynamo;
    private ScoreTables tables;
    private AggregateScoresByUser function;
    private RecordingMetrics metrics;

    @BeforeAll
    static void start() {
        local = LocalDynamoDb.start();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @BeforeEach
    void freshTablesAndFunction() {
        dynamo = local.client();
        tables = ScoreTables.create(dynamo, Integer.toString(++stacks));
        function = new AggregateScoresByUser(dynamo, tables.totals(), tables.applied());
        metrics = RecordingMetrics.install();
    }

    @AfterEach
    void close() {
        dynamo.close();
    }

    @Test
    void theLabsTestEventAddsJaneDoesScoreOnceHoweverOftenItIsDelivered() {
        DynamodbEvent score = LambdaEvents.fromFile(DynamodbEvent.class, Path.of("events/score.json"));

        StreamsEventResponse first = handle(score, 60_000);
        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(tables.totalsByUser()).containsExactly(Map.entry("Jane Doe", new BigDecimal("100")));

        StreamsEventResponse again = handle(score, 60_000);
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(tables.totalsByUser()).containsExactly(Map.entry("Jane Doe", new BigDecimal("100")));
        assertThat(metrics.flushed("ScoresAlreadyAdded")).isEqualTo(1);
        assertThat(metrics.flushed("ScoresAdded")).isZero();
    }

    @Test
    void redeliveredBatchesKeepEveryTotalExact() {
        String[] users = {"Jane Doe", "John Roe", "유저"};
        DynamodbEventJson firstBatch = new DynamodbEventJson();
        DynamodbEventJson overlapping = new DynamodbEventJson();
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (int n = 1; n <= 90; n++) {
            String user = users[n % users.length];
            long score = 10L * n + 7;
            expected.merge(user, BigDecimal.valueOf(score), BigDecimal::add);
            if (n <= 60) {
                firstBatch.insert(n, user, score);
            }
            if (n > 30) {
                overlapping.insert(n, user, score); // records 31..60 again, then 61..90 new
            }
        }

        handle(firstBatch.event(), 60_000);
        handle(firstBatch.event(), 60_000);                   // the whole batch redelivered
        StreamsEventResponse last = handle(overlapping.event(), 60_000); // half redelivered, half new

        assertThat(last.getBatchItemFailures()).isEmpty();
        assertThat(tables.totalsByUser()).isEqualTo(expected);
        assertThat(metrics.flushed("ScoresAlreadyAdded")).isEqualTo(30);
        assertThat(metrics.flushed("ScoresAdded")).isEqualTo(30);
    }

    @Test
    void badRecordsAreCountedAndNeverStopTheGoodOnes() {
        DynamodbEventJson event = new DynamodbEventJson()
                .insert(1, "Jane Doe", 5)
                .record("e2", "000000000000000000002", "INSERT", Map.of("RecordID", AttributeValue.fromN("2"),
                        "Score", AttributeValue.fromN("7")))                       // no Username
                .record("e3", "000000000000000000003", "INSERT", Map.of("RecordID", AttributeValue.fromN("3"),
                        "Username", AttributeValue.fromS("Jane Doe"), "Score", AttributeValue.fromS("lots"))) // Score text
                .record("e4", "000000000000000000004", "MODIFY", Map.of("RecordID", AttributeValue.fromN("1"),
                        "Username", AttributeValue.fromS("Jane Doe"), "Score", AttributeValue.fromN("500")))
                .record("e5", "000000000000000000005", "REMOVE", null)
                .insert(6, "Jane Doe", 20);

        StreamsEventResponse response = handle(event.event(), 60_000);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(tables.totalsByUser()).containsExactly(Map.entry("Jane Doe", new BigDecimal("25")));
        assertThat(metrics.flushed("RecordsRejected")).isEqualTo(2);
        assertThat(metrics.flushed("RecordsSkipped")).isEqualTo(2);
        assertThat(metrics.flushed("ScoresAdded") + metrics.flushed("RecordsRejected") + metrics.flushed("RecordsSkipped"))
                .isEqualTo(metrics.flushed("RecordsIn"));
    }

    @Test
    void whatCannotBeAddedInTimeIsReportedFromTheFirstAndAddedExactlyOnceOnRedelivery() {
        DynamodbEventJson event = new DynamodbEventJson().insert(1, "Jane Doe", 1).insert(2, "Jane Doe", 2).insert(3, "John Roe", 3);

        StreamsEventResponse outOfTime = handle(event.event(), 0);

        assertThat(outOfTime.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly("000000000000000000001", "000000000000000000002", "000000000000000000003");
        assertThat(tables.totalsByUser()).isEmpty();

        StreamsEventResponse redelivered = handle(event.event(), 60_000);
        assertThat(redelivered.getBatchItemFailures()).isEmpty();
        assertThat(tables.totalsByUser()).containsExactly(
                Map.entry("Jane Doe", new BigDecimal("3")), Map.entry("John Roe", new BigDecimal("3")));
    }

    @Test
    void recordsFromTheTablesOwnStreamAreAddedOnceEvenWhenTheBatchComesTwice() {
        tables.putScore(1, "Jane Doe", 100);   // the lab's "Create item" steps
        tables.putScore(2, "John Roe", 40);
        tables.putScore(3, "Jane Doe", 15);
        tables.putScore(3, "Jane Doe", 999);   // the same RecordID put again: a MODIFY

        List<Record> streamRecords = readStream(4);
        DynamodbEvent batch = DynamodbEventJson.of(streamRecords).event();
        handle(batch, 60_000);
        StreamsEventResponse again = handle(batch, 60_000);

        assertThat(streamRecords).extracting(Record::eventNameAsString).containsExactly("INSERT", "INSERT", "INSERT", "MODIFY");
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(tables.totalsByUser()).containsExactly(
                Map.entry("Jane Doe", new BigDecimal("115")), Map.entry("John Roe", new BigDecimal("40")));
    }

    private StreamsEventResponse handle(DynamodbEvent event, int remainingMillis) {
        return function.handleRequest(event, new TestContext("AggregateScoresByUser", remainingMillis));
    }

    /** The first {@code count} records of GameScoreRecords' stream, read from TRIM_HORIZON. */
    private List<Record> readStream(int count) {
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(local.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            String streamArn = dynamo.describeTable(d -> d.tableName(tables.records())).table().latestStreamArn();
            String shardId = streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
            String[] iterator = {streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()};
            List<Record> records = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                var page = streams.getRecords(g -> g.shardIterator(iterator[0]));
                records.addAll(page.records());
                iterator[0] = page.nextShardIterator();
                return records.size() >= count;
            });
            return records;
        }
    }
}
