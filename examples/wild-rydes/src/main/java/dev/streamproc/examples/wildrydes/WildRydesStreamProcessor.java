package dev.streamproc.examples.wildrydes;

import dev.streamproc.lambdakit.DynamoDbClients;
import dev.streamproc.lambdakit.Environment;
import dev.streamproc.lambdakit.KinesisToTableHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The tutorial's {@code WildRydesStreamProcessor} (its index.js), done correctly: every unicorn
 * status on the {@code wildrydes} stream becomes one item of {@code TABLE_NAME}
 * (UnicornSensorData) through BatchWriteItem in 25s with UnprocessedItems retried with backoff;
 * text is UTF-8; a redelivered status overwrites itself; a record that is not a status is logged
 * and counted, never retried; only records whose items could not be written are reported back.
 */
public class WildRydesStreamProcessor extends KinesisToTableHandler<StatusKey, UnicornStatus> {

    public WildRydesStreamProcessor() {
        this(DynamoDbClients.fromEnvironment(), Environment.required("TABLE_NAME"));
    }

    public WildRydesStreamProcessor(DynamoDbClient dynamo, String tableName) {
        super(dynamo, tableName, new UnicornSensorData());
    }
}
