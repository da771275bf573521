package dev.streamproc.examples.wildrydes;

import static org.assertj.core.api.Assertions.assertThat;
import static software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType.S;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamproc.examples.wildrydes.producer.WildRydesProducer;
import dev.streamproc.lambdakit.testing.CliProcess;
import dev.streamproc.lambdakit.testing.KinesisEventJson;
import dev.streamproc.lambdakit.testing.LocalDynamoDb;
import dev.streamproc.lambdakit.testing.LocalKinesis;
import dev.streamproc.lambdakit.testing.RecordingMetrics;
import dev.streamproc.lambdakit.testing.TestContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * The tutorial's pipeline on real local servers, the runtime's part played by the test: the
 * producer CLI in its own JVM puts statuses on a local {@code wildrydes} stream reached only
 * through {@code AWS_ENDPOINT_URL_KINESIS}; the records read back from the stream are handed to
 * the function, which stores exactly them in UnicornSensorData on DynamoDB Local.
 */
@Timeout(180)
class ProducerToTableIntegrationTest {

    @Test
    void everyProducedStatusEndsUpAsExactlyOneItem(@TempDir Path dir) throws Exception {
        try (LocalKinesis kinesis = LocalKinesis.start(dir.resolve("kinesis"));
                LocalDynamoDb dynamoDb = LocalDynamoDb.start();
                DynamoDbClient dynamo = dynamoDb.client()) {
            kinesis.createStream("wildrydes");
            LocalDynamoDb.createTable(dynamo, "UnicornSensorData", "Name", S, "StatusTime", S);

            CliProcess.Result produced = CliProcess.run(WildRydesProducer.class, kinesis.cliEnvironment(), dir,
                    "-name", "Rocinante,Ünicorn 🦄", "--rate", "10", "--count", "5", "--quiet");

            assertThat(produced.exitCode()).as(produced.output()).isZero();
            assertThat(produced.output()).contains("put 10 statuses of 2 unicorn(s) on wildrydes; 0 could not be put");
            List<Record> records = kinesis.read("wildrydes", 10);
            assertThat(records).hasSize(10);
            KinesisEventJson event = new KinesisEventJson("wildrydes");
            records.forEach(record -> event.record(record.data().asByteArray()));

            RecordingMetrics metrics = RecordingMetrics.install();
            StreamsEventResponse response = new WildRydesStreamProcessor(dynamo, "UnicornSensorData")
                    .handleRequest(event.event(), new TestContext("WildRydesStreamProcessor", 60_000));

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(metrics.flushed("ItemsWritten")).isEqualTo(10);
            Map<String, Integer> perUnicorn = new TreeMap<>();
            LocalDynamoDb.scan(dynamo, "UnicornSensorData").forEach(item -> perUnicorn.merge(item.get("Name").s(), 1, Integer::sum));
            assertThat(perUnicorn).containsExactly(Map.entry("Rocinante", 5), Map.entry("Ünicorn 🦄", 5));
            assertThat(records).extracting(Record::partitionKey).containsOnly("Rocinante", "Ünicorn 🦄");
        }
    }
}
