package dev.streamproc.lambdakit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.lambdakit.testing.FaultInjectingHttpClient;
import dev.streamproc.lambdakit.testing.LocalDynamoDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The shared writer against a real DynamoDB Local, throttling and UnprocessedItems injected on the wire. */
@Timeout(60)
class BatchWriterIntegrationTest {

    private static LocalDynamoDb local;
    private static final ExecutorService POOL = Writers.daemonPool(4, "test-writer");

    private FaultInjectingHttpClient wire;
    private DynamoDbClient dynamo;
    private String table;
    private static int tables;

    @BeforeAll
    static void start() {
        local = LocalDynamoDb.start();
    }

    @AfterAll
    static void stop() {
        local.close();
    }

    @BeforeEach
    void freshTable() {
        wire = new FaultInjectingHttpClient(DynamoDbClients.httpClient());
        dynamo = local.client(wire);
        table = "Items" + (++tables);
        LocalDynamoDb.createTable(dynamo, table, "Id", ScalarAttributeType.S);
    }

    @AfterEach
    void close() {
        dynamo.close();
    }

    @Test
    void writesInCallsOfTwentyFiveAndRetriesThrottlingAndUnprocessedItems() {
        wire.throttleNextBatchWrites(2);
        wire.withholdItems(item -> item.path("Id").path("S").asText().equals("7") && wire.withheldItems.get() == 0);

        WriteOutcome<String> outcome = writer().write(items(60), Deadline.after(Duration.ofSeconds(20)));

        assertThat(outcome.itemsWritten()).isEqualTo(60);
        assertThat(outcome.unwritten()).isEmpty();
        assertThat(outcome.retries()).isEqualTo(3);
        assertThat(LocalDynamoDb.scan(dynamo, table)).hasSize(60);
    }

    @Test
    void reportsTheKeysStillUnprocessedWhenTimeRunsOut() {
        wire.withholdItems(item -> item.path("Id").path("S").asText().equals("3"));

        WriteOutcome<String> outcome = writer().write(items(30), Deadline.after(Duration.ofMillis(800)));

        assertThat(outcome.unwritten()).containsExactly("3");
        assertThat(outcome.itemsWritten()).isEqualTo(29);
    }

    @Test
    void aPermanentErrorReportsTheChunkWithoutRetrying() {
        WriteOutcome<String> outcome;
        try (DynamoDbClient direct = local.client()) { // DynamoDB Local's own 400 ResourceNotFoundException
            BatchWriter<String> toMissingTable = new BatchWriter<>(direct, "NoSuchTable", POOL,
                    Writers.defaultBackoff(), item -> item.get("Id").s());
            outcome = toMissingTable.write(items(2), Deadline.after(Duration.ofSeconds(10)));
        }

        assertThat(outcome.unwritten()).containsExactly("1", "2");
        assertThat(outcome.retries()).isZero();
    }

    @Test
    void anItemDynamoDbRefusesDoesNotTakeTheOtherItemsOfItsCallDown() {
        // An item DynamoDB refuses for a reason KinesisToTable does not check up front (a key of the wrong type):
        // "One or more parameter values were invalid: Type mismatch for key" (a ValidationException).
        List<Map<String, AttributeValue>> items = items(25);
        items.set(12, Map.of("Id", AttributeValue.fromN("13"), "N", AttributeValue.fromN("13")));
        WriteOutcome<String> outcome;
        // Straight to DynamoDB Local: the fault-injecting wire would turn its 400 answer into an I/O error.
        try (DynamoDbClient direct = local.client()) {
            BatchWriter<String> writer = new BatchWriter<>(direct, table, POOL,
                    new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), () -> 0.5), BatchWriterIntegrationTest::idOf);
            outcome = writer.write(items, Deadline.after(Duration.ofSeconds(30)));
        }

        assertThat(outcome.itemsWritten()).isEqualTo(24);
        assertThat(outcome.unwritten()).as("nothing left to retry").isEmpty();
        assertThat(outcome.refused()).containsOnlyKeys("13");
        assertThat(outcome.refused().values()).singleElement().asString().startsWith("refused by DynamoDB: ");
        assertThat(LocalDynamoDb.scan(dynamo, table)).hasSize(24);
    }

    @Test
    void aRecordWhoseItemDynamoDbRefusesIsRejectedNotRedelivered() {
        TableMapping<String, String> idAsGiven = new TableMapping<>() {
            @Override
            public Decoding<String> decode(byte[] data) {
                return Decoding.value(new String(data, java.nio.charset.StandardCharsets.UTF_8));
            }

            @Override
            public String keyOf(String value) {
                return value;
            }

            @Override
            public Map<String, AttributeValue> itemOf(String value) {
                // A numeric id becomes a number: the table's key is a string, so DynamoDB refuses that item.
                return Map.of("Id", value.chars().allMatch(Character::isDigit) ? AttributeValue.fromN(value) : AttributeValue.fromS(value));
            }

            @Override
            public List<String> keyAttributes() {
                return List.of("Id");
            }

            @Override
            public String keyOfItem(Map<String, AttributeValue> item) {
                return idOf(item);
            }
        };
        List<KinesisRecord> records = new ArrayList<>();
        for (String id : List.of("a", "b", "42", "c")) {
            records.add(new KinesisRecord("shardId-000000000000", "seq-" + id, id, id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        BatchReport report;
        try (DynamoDbClient direct = local.client()) {
            BatchWriter<String> writer = new BatchWriter<>(direct, table, POOL, Writers.defaultBackoff(), idAsGiven::keyOfItem);
            report = new KinesisToTable<>(idAsGiven, writer).process(records, Deadline.after(Duration.ofSeconds(30)));
        }

        assertThat(report.itemsWritten()).isEqualTo(3);
        assertThat(report.failedSequenceNumbers()).as("retrying would be refused again").isEmpty();
        assertThat(report.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.sequenceNumber()).isEqualTo("seq-42");
            assertThat(rejection.reason()).startsWith("refused by DynamoDB: ");
            assertThat(rejection.head()).isEqualTo("42");
        });
        assertThat(LocalDynamoDb.scan(dynamo, table)).hasSize(3);
    }

    private static String idOf(Map<String, AttributeValue> item) {
        AttributeValue id = item.get("Id");
        return id.s() != null ? id.s() : id.n();
    }

    private BatchWriter<String> writer() {
        Backoff fast = new Backoff(Duration.ofMillis(5), Duration.ofMillis(50), () -> 1.0);
        return new BatchWriter<>(dynamo, table, POOL, fast, item -> item.get("Id").s());
    }

    /** Items with ids 1..count, in a list the caller may change. */
    private static List<Map<String, AttributeValue>> items(int count) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            items.add(Map.of("Id", AttributeValue.fromS(Integer.toString(n)), "N", AttributeValue.fromN(Integer.toString(n))));
        }
        return items;
    }
}
