package dev.streamproc.examples.wildrydes;

import static dev.streamproc.lambdakit.testing.KinesisEventJson.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.streamproc.examples.wildrydes.producer.StatusJson;
import dev.streamproc.examples.wildrydes.producer.UnicornPath;
import dev.streamproc.lambdakit.DynamoDbClients;
import dev.streamproc.lambdakit.testing.FaultInjectingHttpClient;
import dev.streamproc.lambdakit.testing.KinesisEventJson;
import dev.streamproc.lambdakit.testing.LambdaEvents;
import dev.streamproc.lambdakit.testing.LocalDynamoDb;
import dev.streamproc.lambdakit.testing.RecordingMetrics;
import dev.streamproc.lambdakit.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The function against a real DynamoDB Local (table as template.yaml declares it), events
 * deserialized as the Lambda runtime does; throttling and UnprocessedItems injected on the wire.
 */
@Timeout(120)
class WildRydesStreamProcessorIntegrationTest {

    private static LocalDynamoDb local;
    private static int tables;

    private FaultInjectingHttpClient wire;
    private DynamoDbClient dynamo;
    private String table;
    private WildRydesStreamProcessor function;
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
    void freshTableAndFunction() {
        wire = new FaultInjectingHttpClient(DynamoDbClients.httpClient());
        dynamo = local.client(wire);
        table = "UnicornSensorData" + (++tables);
        LocalDynamoDb.createTable(dynamo, table, "Name", S, "StatusTime", S);
        function = new WildRydesStreamProcessor(dynamo, table);
        metrics = RecordingMetrics.install();
    }

    @AfterEach
    void close() {
        dynamo.close();
    }

    @Test
    void storesTheSampleEventsStatusesAsTheTutorialsItems() {
        KinesisEvent event = LambdaEvents.fromFile(KinesisEvent.class, Path.of("events/kinesis-unicorn-statuses.json"));

        StreamsEventResponse response = function.handleRequest(event, new TestContext("WildRydesStreamProcessor", 60_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(items()).hasSize(2);
        assertThat(item("Rocinante", "2026-11-29 18:00:01.000")).isEqualTo(Map.of(
                "Name", AttributeValue.fromS("Rocinante"),
                "StatusTime", AttributeValue.fromS("2026-11-29 18:00:01.000"),
                "Latitude", AttributeValue.fromN("40.749386"),
                "Longitude", AttributeValue.fromN("-73.985573"),
                "Distance", AttributeValue.fromN("12.71"),
                "HealthPoints", AttributeValue.fromN("151"),
                "MagicPoints", AttributeValue.fromN("109")));
    }

    @Test
    void storesEveryStatusThatTheProducerSendsWithUtf8NamesIntact() {
        List<UnicornPath> paths = List.of(new UnicornPath("Rocinante", 7), new UnicornPath("Ünicorn 🦄 유니콘", 7));
        KinesisEventJson event = new KinesisEventJson("wildrydes");
        Instant time = Instant.parse("2026-11-29T18:00:00Z");
        for (int second = 0; second < 60; second++) {
            for (UnicornPath path : paths) {
                event.record(StatusJson.of(path.next(time.plusSeconds(second))));
            }
        }

        StreamsEventResponse response = handle(event, 60_000);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(items()).hasSize(120);
        assertThat(item("Ünicorn 🦄 유니콘", "2026-11-29 18:00:59.000")).containsKeys("Latitude", "Distance", "MagicPoints");
        assertThat(metrics.flushed("ItemsWritten")).isEqualTo(120);
        assertThat(wire.batchWriteCalls).as("120 items take five BatchWriteItem calls").hasValue(5);
    }

    @Test
    void aRedeliveredBatchLeavesExactlyOneItemPerStatus() {
        KinesisEventJson event = statuses("Rocinante", 30);
        event.record(UnicornStatusParserTest.status("Rocinante")); // the same status twice in one batch
        event.record(UnicornStatusParserTest.status("Rocinante"));

        handle(event, 60_000);
        StreamsEventResponse again = handle(event, 60_000);

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(items()).hasSize(31);
        assertThat(metrics.flushed("CollapsedDuplicates")).isEqualTo(1);
    }

    @Test
    void recordsThatAreNotStatusesAreCountedAndNeverBlockTheGoodOnes() {
        KinesisEventJson event = statuses("Rocinante", 3)
                .record("not json at all")
                .record(UnicornStatusParserTest.status("café").getBytes(StandardCharsets.ISO_8859_1))
                .record("{\"Name\":\"Rocinante\"}")
                .record(new byte[] {0x1b, '[', '2', 'J'})
                .record(UnicornStatusParserTest.status("U".repeat(3_000))); // a key DynamoDB would refuse
        event.record(UnicornStatusParserTest.status("Bucephalus"));

        StreamsEventResponse response = handle(event, 60_000);

        assertThat(response.getBatchItemFailures()).as("nothing to retry: bad records would fail again").isEmpty();
        assertThat(items()).hasSize(4);
        assertThat(metrics.flushed("RecordsIn")).isEqualTo(9);
        assertThat(metrics.flushed("RecordsRejected")).isEqualTo(5);
        assertThat(metrics.flushed("ItemsWritten") + metrics.flushed("RecordsRejected")).isEqualTo(9);
    }

    @Test
    void retriesThrottlingAndUnprocessedItemsUntilEverythingIsStored() {
        wire.throttleNextBatchWrites(3);
        wire.withholdItems(item -> item.path("StatusTime").path("S").asText().endsWith(":07.000")
                && wire.withheldItems.get() < 2);

        StreamsEventResponse response = handle(statuses("Rocinante", 60), 60_000);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(items()).hasSize(60);
        assertThat(metrics.flushed("WriteRetries")).isGreaterThanOrEqualTo(4);
    }

    @Test
    void reportsOnlyTheRecordsWhoseItemsAreStillUnprocessedWhenTimeRunsOut() {
        wire.withholdItems(item -> item.path("StatusTime").path("S").asText().endsWith(":04.000"));
        KinesisEventJson event = statuses("Rocinante", 10);
        event.record("garbage");

        StreamsEventResponse response = handle(event, 2_000);

        assertThat(response.getBatchItemFailures()).extracting(BatchItemFailure::getItemIdentifier)
                .containsExactly(sequenceNumber(5));
        assertThat(items()).hasSize(9);
        assertThat(metrics.flushed("RecordsFailed")).isEqualTo(1);
    }

    private StreamsEventResponse handle(KinesisEventJson event, int remainingMillis) {
        return function.handleRequest(event.event(), new TestContext("WildRydesStreamProcessor", remainingMillis));
    }

    /** {@code count} statuses of one unicorn, one a second from 18:00:00. */
    private static KinesisEventJson statuses(String name, int count) {
        KinesisEventJson event = new KinesisEventJson("wildrydes");
        for (int second = 0; second < count; second++) {
            event.record(String.format("{\"Name\":\"%s\",\"StatusTime\":\"2026-11-29 18:00:%02d.000\",\"Latitude\":40.7,"
                    + "\"Longitude\":-73.9,\"Distance\":%d,\"HealthPoints\":150,\"MagicPoints\":110}", name, second, second));
        }
        return event;
    }

    private List<Map<String, AttributeValue>> items() {
        return new ArrayList<>(LocalDynamoDb.scan(dynamo, table));
    }

    private Map<String, AttributeValue> item(String name, String statusTime) {
        return dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(Map.of(
                "Name", AttributeValue.fromS(name), "StatusTime", AttributeValue.fromS(statusTime)))).item();
    }
}
