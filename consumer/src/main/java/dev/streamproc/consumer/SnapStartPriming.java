package dev.streamproc.consumer;

import dev.streamproc.lambdakit.KinesisRecord;
import dev.streamproc.model.priming.PrimingHook;
import dev.streamproc.model.priming.SampleTweet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The consumer's SnapStart priming: KPL de-aggregation, Jackson parsing, the EventData mapping and the SDK's request
 * model, on the sample tweet. Nothing is sent: the sample's request is built and dropped.
 */
final class SnapStartPriming extends PrimingHook<BatchWriteItemRequest> {

    private final String tableName;

    SnapStartPriming(String tableName) {
        this.tableName = tableName;
    }

    static SnapStartPriming register(String tableName) {
        return PrimingHook.register(new SnapStartPriming(tableName));
    }

    /** The request the writer would send for the sample. */
    @Override
    protected BatchWriteItemRequest prime() {
        KinesisRecord sample = new KinesisRecord("shardId-000000000000", "0", "1", SampleTweet.utf8());
        DecodedBatch batch = new BatchDecoder(new FailurePolicy()).decode(List.of(sample));
        List<WriteRequest> requests = new ArrayList<>();
        for (Map<String, Object> attributes : batch.plan().items().values()) {
            requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(AttributeValues.of(attributes)).build()).build());
        }
        return BatchWriteItemRequest.builder().requestItems(Map.of(tableName, requests)).build();
    }
}
