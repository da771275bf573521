package dev.streamproc.examples.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.N;
import static software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamproc.examples.sensors.simulator.SensorSimulator;
import dev.streamproc.lambdakit.testing.CliProcess;
import dev.streamproc.lambdakit.testing.KinesisEventJson;
import dev.streamproc.lambdakit.testing.LocalDynamoDb;
import dev.streamproc.lambdakit.testing.LocalKinesis;
import dev.streamproc.lambdakit.testing.TestContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The seed's pipeline on real local servers, the runtime's part played by the test: the
 * simulator CLI in its own JVM puts readings on {@code temperature-sensor-data} through
 * {@code AWS_ENDPOINT_URL_KINESIS}; the records read back go to the function, which stores
 * exactly them in SensorData.
 */
@Timeout(180)
class SimulatorToTableIntegrationTest {

    @Test
    void everySimulatedReadingEndsUpAsExactlyOneItem(@TempDir Path dir) throws Exception {
        try (LocalKinesis kinesis = LocalKinesis.start(dir.resolve("kinesis"));
                LocalDynamoDb dynamoDb = LocalDynamoDb.start();
                DynamoDbClient dynamo = dynamoDb.client()) {
            kinesis.createStream("temperature-sensor-data");
            LocalDynamoDb.createTable(dynamo, "SensorData", "SensorId", S, "CurrentTime", N);

            CliProcess.Result simulated = CliProcess.run(SensorSimulator.class, kinesis.cliEnvironment(), dir,
                    "--sensors", "4", "--count", "2", "--quiet");

            assertThat(simulated.exitCode()).as(simulated.output()).isZero();
            assertThat(simulated.output()).contains("put 8 readings of 4 sensor(s) on temperature-sensor-data; 0 could not be put");
            List<Record> records = kinesis.read("temperature-sensor-data", 8);
            KinesisEventJson event = new KinesisEventJson("temperature-sensor-data");
            records.forEach(record -> event.record(record.data().asByteArray()));

            StreamsEventResponse response = new ProcessKinesisRecords(dynamo, "SensorData")
                    .handleRequest(event.event(), new TestContext("ProcessKinesisRecords", 60_000));

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(records).hasSize(8);
            assertThat(LocalDynamoDb.scan(dynamo, "SensorData")).hasSize(8)
                    .extracting(item -> item.get("SensorId").s())
                    .containsOnly("sensor-1", "sensor-2", "sensor-3", "sensor-4");
        }
    }
}
