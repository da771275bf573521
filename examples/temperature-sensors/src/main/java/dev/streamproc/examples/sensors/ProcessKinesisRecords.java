package dev.streamproc.examples.sensors;

import dev.streamproc.lambdakit.DynamoDbClients;
import dev.streamproc.lambdakit.Environment;
import dev.streamproc.lambdakit.KinesisToTableHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tutorial's {@code ProcessKinesisRecords}: every reading on the
 * {@code temperature-sensor-data} stream becomes one item of {@code TABLE_NAME} (SensorData).
 * BatchWriteItem with backoff, partial batch failures, a redelivered reading overwrites itself,
 * a record that is not a reading is logged and counted, never retried.
 */
public class ProcessKinesisRecords extends KinesisToTableHandler<SensorKey, SensorReading> {

    public ProcessKinesisRecords() {
        this(DynamoDbClients.fromEnvironment(), Environment.required("TABLE_NAME"));
    }

    public ProcessKinesisRecords(DynamoDbClient dynamo, String tableName) {
        super(dynamo, tableName, new SensorData());
    }
}
