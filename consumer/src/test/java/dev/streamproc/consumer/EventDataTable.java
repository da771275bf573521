package dev.streamproc.consumer;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** An EventData table as docs/contracts.md defines it: key Username + Id, GSI ByTopic (Topic, Timestamp). */
record EventDataTable(DynamoDbClient dynamo, String name) {

    static EventDataTable create(DynamoDbClient dynamo, String name) {
        dynamo.createTable(table -> table
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        attribute("Username"), attribute("Id"), attribute("Topic"), attribute("Timestamp"))
                .keySchema(key("Username", KeyType.HASH), key("Id", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("ByTopic")
                        .keySchema(key("Topic", KeyType.HASH), key("Timestamp", KeyType.RANGE))
                        .projection(projection -> projection.projectionType(ProjectionType.ALL))
                        .build()));
        return new EventDataTable(dynamo, name);
    }

    /** Every item in the table, counted by a full (paginated) scan. */
    long count() {
        return dynamo.scanPaginator(scan -> scan.tableName(name).select(Select.COUNT)).stream()
                .mapToLong(page -> page.count())
                .sum();
    }

    Map<String, AttributeValue> get(String username, String id) {
        return dynamo.getItem(get -> get.tableName(name).consistentRead(true)
                .key(Map.of("Username", AttributeValue.fromS(username), "Id", AttributeValue.fromS(id)))).item();
    }

    QueryResponse latestOfTopic(String topic) {
        return dynamo.query(query -> query.tableName(name).indexName("ByTopic")
                .keyConditionExpression("Topic = :topic")
                .expressionAttributeValues(Map.of(":topic", AttributeValue.fromS(topic)))
                .scanIndexForward(false));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
