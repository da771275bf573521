package dev.streamproc.consumer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * SnapStart priming (a runtime hook): before Lambda snapshots the initialised container, run the consumer's hot path
 * once on a sample tweet — KPL de-aggregation, Jackson parsing, the EventData mapping and the SDK's request model — so
 * that a restored container starts with those classes loaded and initialised instead of loading them during its
 * first batch. Nothing is sent and nothing is kept: the sample's items are built and dropped.
 */
final class SnapStartPriming implements Resource {

    /** A v1.1 status with the fields the mapping reads, non-ASCII text included. */
    static final String SAMPLE_TWEET = """
            {"created_at":"Sun Nov 29 18:00:00 +0000 2026","id":1,"id_str":"1","text":"priming \u00e9\u6771 #Java",
             "lang":"en","retweet_count":0,"favorite_count":0,"entities":{"hashtags":[{"text":"Java"}]},
             "user":{"id_str":"1","screen_name":"priming","name":"Priming","followers_count":0}}""";

    private final String tableName;
    private int primed;

    SnapStartPriming(String tableName) {
        this.tableName = tableName;
    }

    /** Registers with the global context; the handler keeps the instance (the context may hold it weakly). */
    static SnapStartPriming register(String tableName) {
        SnapStartPriming priming = new SnapStartPriming(tableName);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to restore: priming holds no connection, thread or random state
    }

    /** The request the writer would send for the sample; returned for tests, dropped by the hook. */
    BatchWriteItemRequest prime() {
        StreamRecord sample = new StreamRecord("shardId-000000000000", "0", "1", SAMPLE_TWEET.getBytes(StandardCharsets.UTF_8));
        DecodedBatch batch = new BatchDecoder(new FailurePolicy()).decode(List.of(sample));
        List<WriteRequest> requests = new ArrayList<>();
        for (Map<String, Object> attributes : batch.plan().items().values()) {
            requests.add(WriteRequest.builder().putRequest(PutRequest.builder().item(AttributeValues.of(attributes)).build()).build());
        }
        primed++;
        return BatchWriteItemRequest.builder().requestItems(Map.of(tableName, requests)).build();
    }

    int timesPrimed() {
        return primed;
    }
}
