package dev.streamproc.local.items;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Reads EventData the three ways users do in the console: one author's tweets (Query on the table's
 * key), a trend's newest tweets (Query on the {@code ByTopic} index, newest first), or a Scan.
 */
public final class EventDataReader {

    public static final String BY_TOPIC_INDEX = "ByTopic";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public EventDataReader(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** One author's items, newest tweet id first. */
    public List<Map<String, AttributeValue>> byUser(String username, int limit) {
        return query(QueryRequest.builder().tableName(table)
                .keyConditionExpression("Username = :u")
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(username)))
                .scanIndexForward(false), limit);
    }

    /** A topic's items from the sparse ByTopic index, newest Timestamp first. */
    public List<Map<String, AttributeValue>> byTopic(String topic, int limit) {
        return query(QueryRequest.builder().tableName(table).indexName(BY_TOPIC_INDEX)
                .keyConditionExpression("Topic = :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(topic)))
                .scanIndexForward(false), limit);
    }

    /** Any items, in the table's order. */
    public List<Map<String, AttributeValue>> scan(int limit) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = dynamoDb.scan(ScanRequest.builder().tableName(table)
                    .limit(Math.min(limit - items.size(), 1000)).exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && items.size() < limit);
        return items;
    }

    /** Every item, paging through the whole table (used to account for a demo run). */
    public long count() {
        long count = 0;
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = dynamoDb.scan(ScanRequest.builder().tableName(table).select("COUNT").exclusiveStartKey(start).build());
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    private List<Map<String, AttributeValue>> query(QueryRequest.Builder request, int limit) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamoDb.query(request.limit(Math.min(limit - items.size(), 1000)).exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && items.size() < limit);
        return items;
    }
}
