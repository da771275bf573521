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

    private BatchWriter<String> writer() {
        Backoff fast = new Backoff(Duration.ofMillis(5), Duration.ofMillis(50), () -> 1.0);
        return new BatchWriter<>(dynamo, table, POOL, fast, item -> item.get("Id").s());
    }

    private static List<Map<String, AttributeValue>> items(int count) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            items.add(Map.of("Id", AttributeValue.fromS(Integer.toString(n)), "N", AttributeValue.fromN(Integer.toString(n))));
        }
        return items;
    }
}
