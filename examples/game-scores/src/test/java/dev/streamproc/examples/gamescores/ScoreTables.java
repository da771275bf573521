package dev.streamproc.examples.gamescores;

import dev.streamproc.lambdakit.testing.LocalDynamoDb;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The lab's tables as template.yaml declares them, with a suffix so every test gets fresh ones. */
record ScoreTables(DynamoDbClient dynamo, String records, String totals, String applied) {

    static ScoreTables create(DynamoDbClient dynamo, String suffix) {
        ScoreTables tables = new ScoreTables(dynamo, "GameScoreRecords" + suffix, "GameScoresByUser" + suffix,
                "GameScoresAppliedRecords" + suffix);
        dynamo.createTable(t -> t.tableName(tables.records).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("RecordID").attributeType(ScalarAttributeType.N))
                .keySchema(k -> k.attributeName("RecordID").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)));
        LocalDynamoDb.createTable(dynamo, tables.totals, "Username", ScalarAttributeType.S);
        LocalDynamoDb.createTable(dynamo, tables.applied, "EventId", ScalarAttributeType.S);
        return tables;
    }

    /** GameScoresByUser as user → Score. */
    Map<String, BigDecimal> totalsByUser() {
        Map<String, BigDecimal> totals = new TreeMap<>();
        dynamo.scanPaginator(s -> s.tableName(totals()).consistentRead(true)).items()
                .forEach(item -> totals.put(item.get("Username").s(), new BigDecimal(item.get("Score").n())));
        return totals;
    }

    /** The lab's "Create item" in GameScoreRecords: RecordID, Username, Score. */
    void putScore(long recordId, String username, long score) {
        dynamo.putItem(p -> p.tableName(records).item(Map.of(
                "RecordID", AttributeValue.fromN(Long.toString(recordId)),
                "Username", AttributeValue.fromS(username),
                "Score", AttributeValue.fromN(Long.toString(score)))));
    }
}
