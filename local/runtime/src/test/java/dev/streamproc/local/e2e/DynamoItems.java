package dev.streamproc.local.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** EventData read back in full, each item as plain Java values in the model's {@code EventDataItem.attributes()} form. */
final class DynamoItems {

    private DynamoItems() {
    }

    static List<Map<String, Object>> scanAll(DynamoDbClient dynamoDb, String table) {
        List<Map<String, Object>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamoDb.scan(r -> r.tableName(table).exclusiveStartKey(from));
            page.items().forEach(item -> items.add(plain(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    static Map<String, Object> plain(Map<String, AttributeValue> item) {
        Map<String, Object> values = new LinkedHashMap<>();
        item.forEach((name, value) -> values.put(name, plain(value)));
        return values;
    }

    private static Object plain(AttributeValue value) {
        if (value.s() != null) {
            return value.s();
        }
        if (value.n() != null) {
            return Long.parseLong(value.n());
        }
        if (value.bool() != null) {
            return value.bool();
        }
        if (value.hasL()) {
            return value.l().stream().map(DynamoItems::plain).toList();
        }
        throw new IllegalArgumentException("unexpected attribute type in EventData: " + value);
    }
}
