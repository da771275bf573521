package dev.streamproc.consumer;

import dev.streamproc.lambdakit.Backoff;
import dev.streamproc.lambdakit.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB {@link ItemSink}: the consumer's items as attribute values, written by lambda-kit's BatchWriteItem
 * writer (25 a call, in parallel; UnprocessedItems and transient errors retried with backoff until the deadline; a
 * call refused with a ValidationException written item by item so only the offender is refused).
 */
public final class BatchWriter implements ItemSink {

    private final dev.streamproc.lambdakit.BatchWriter<ItemKey> writer;

    public BatchWriter(DynamoDbClient dynamo, String tableName, ExecutorService executor, Backoff backoff) {
        this.writer = new dev.streamproc.lambdakit.BatchWriter<>(dynamo, tableName, executor, backoff, ItemKey::of);
    }

    @Override
    public WriteOutcome write(Map<ItemKey, Map<String, Object>> items, Deadline deadline) {
        List<Map<String, AttributeValue>> attributeValues = new ArrayList<>(items.size());
        for (Map<String, Object> attributes : items.values()) {
            attributeValues.add(AttributeValues.of(attributes));
        }
        dev.streamproc.lambdakit.WriteOutcome<ItemKey> outcome = writer.write(attributeValues, deadline);
        return new WriteOutcome(outcome.itemsWritten(), outcome.unwritten(), outcome.retries(), outcome.refused());
    }
}
