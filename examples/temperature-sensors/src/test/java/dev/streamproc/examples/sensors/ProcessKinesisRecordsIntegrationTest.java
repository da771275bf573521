package dev.streamproc.examples.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.N;
import static software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamproc.examples.sensors.simulator.ReadingJson;
import dev.streamproc.examples.sensors.simulator.SensorFleet;
import dev.streamproc.lambdakit.testing.KinesisEventJson;
import dev.streamproc.lambdakit.testing.LambdaEvents;
import dev.streamproc.lambdakit.testing.LocalDynamoDb;
import dev.streamproc.lambdakit.testing.RecordingMetrics;
import dev.streamproc.lambdakit.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The function against a real DynamoDB Local, SensorData as template.yaml declares it. */
@Timeout(120)
class ProcessKinesisRecordsIntegrationTest {

    private static LocalDynamoDb local;
    private static int tables;

    private DynamoDbClient dynamo;
    private String table;
    private ProcessKinesisRecords function;
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
        dynamo = local.client();
        table = "SensorData" + (++tables);
        LocalDynamoDb.createTable(dynamo, table, "SensorId", S, "CurrentTime", N);
        function = new ProcessKinesisRecords(dynamo, table);
        metrics = RecordingMetrics.install();
    }

    @AfterEach
    void close() {
        dynamo.close();
    }

    @Test
    void theSeedsTestInvocationStoresSensor1() {
        KinesisEvent event = LambdaEvents.fromFile(KinesisEvent.class, Path.of("events/test-lambda-input.json"));

        StreamsEventResponse response = function.handleRequest(event, new TestContext("ProcessKinesisRecords", 60_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        // seed 001: "you should get a record in DynamoDB that says: (sensor-1, 123456789, 99.9)"
        assertThat(LocalDynamoDb.scan(dynamo, table)).containsExactly(reading("sensor-1", "123456789", "99.9"));
    }

    @Test
    void theSeedsOwnRecordIsStoredHoweverTheAwsCliPutIt() {
        byte[] json = SensorReadingParserTest.SEED_RECORD.getBytes(StandardCharsets.UTF_8);
        byte[] cliV1Text = Base64.getEncoder().encode(json);

        StreamsEventResponse response = handle(new KinesisEventJson("temperature-sensor-data").record(json).record(cliV1Text));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(LocalDynamoDb.scan(dynamo, table)).containsExactly(reading("sensor-2", "987654321", "88.8"));
        assertThat(metrics.flushed("CollapsedDuplicates")).as("the same reading twice").isEqualTo(1);
    }

    @Test
    void aRedeliveredBatchLeavesOneItemPerReading() {
        KinesisEventJson event = simulated(5, 20);

        handle(event);
        StreamsEventResponse again = handle(event);

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(LocalDynamoDb.scan(dynamo, table)).hasSize(100);
    }

    @Test
    void aBadRecordIsCountedAndNeverBlocksTheGoodOnes() {
        KinesisEventJson event = simulated(2, 3)
                .record("{\"sensor_id\":\"sensor-9\",\"temperature\":\"hot\",\"current_time\":1}")
                .record(new byte[] {(byte) 0xC3, 0x28});

        StreamsEventResponse response = handle(event);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(LocalDynamoDb.scan(dynamo, table)).hasSize(6);
        assertThat(metrics.flushed("RecordsRejected")).isEqualTo(2);
        assertThat(metrics.flushed("ItemsWritten") + metrics.flushed("RecordsRejected")).isEqualTo(metrics.flushed("RecordsIn"));
    }

    private StreamsEventResponse handle(KinesisEventJson event) {
        return function.handleRequest(event.event(), new TestContext("ProcessKinesisRecords", 60_000));
    }

    /** {@code seconds} readings of {@code sensors} simulated sensors, as the simulator sends them. */
    private static KinesisEventJson simulated(int sensors, int seconds) {
        SensorFleet fleet = new SensorFleet(sensors, 11);
        KinesisEventJson event = new KinesisEventJson("temperature-sensor-data");
        Instant start = Instant.parse("2026-11-29T18:00:00Z");
        for (int second = 0; second < seconds; second++) {
            for (SensorReading reading : fleet.read(start.plusSeconds(second))) {
                event.record(ReadingJson.of(reading));
            }
        }
        return event;
    }

    private static Map<String, AttributeValue> reading(String sensorId, String currentTime, String temperature) {
        return Map.of("SensorId", AttributeValue.fromS(sensorId), "CurrentTime", AttributeValue.fromN(currentTime),
                "Temperature", AttributeValue.fromN(temperature));
    }

}
