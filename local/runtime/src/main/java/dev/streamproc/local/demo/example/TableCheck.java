package dev.streamproc.local.demo.example;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

/**
 * Whether a table holds exactly the items expected: none missing, none unexpected, none different (numbers compare
 * by value, as DynamoDB stores them: {@code 88.8} equals {@code 88.80}).
 *
 * @param examples up to five items that differ, for the report
 */
public record TableCheck(String table, int expected, int actual, int missing, int unexpected, int different, List<String> examples) {

    public boolean exact() {
        return missing == 0 && unexpected == 0 && different == 0;
    }

    /** "UnicornSensorData: 150 items, exactly the 150 expected" or what differs. */
    public String line() {
        return exact() ? table + ": " + actual + " items, exactly the " + expected + " expected"
                : table + ": " + actual + " items, " + expected + " expected: " + missing + " missing, " + unexpected + " unexpected, "
                + different + " different" + (examples.isEmpty() ? "" : " (e.g. " + String.join("; ", examples) + ")");
    }

    /** Compares the table's items (a consistent scan) with {@code expected}, keyed by the table's key attributes. */
    public static TableCheck of(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> expected) {
        List<String> keys = dynamoDb.describeTable(b -> b.tableName(table)).table().keySchema().stream()
                .map(KeySchemaElement::attributeName).toList();
        Map<String, Map<String, AttributeValue>> want = byKey(keys, expected);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(items::add);
        Map<String, Map<String, AttributeValue>> have = byKey(keys, items);
        int missing = 0;
        int different = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, Map<String, AttributeValue>> entry : want.entrySet()) {
            Map<String, AttributeValue> actual = have.get(entry.getKey());
            if (actual == null) {
                missing++;
                note(examples, "missing " + entry.getKey());
            } else if (!same(entry.getValue(), actual)) {
                different++;
                note(examples, entry.getKey() + " is " + actual + ", expected " + entry.getValue());
            }
        }
        int unexpected = 0;
        for (String key : have.keySet()) {
            if (!want.containsKey(key)) {
                unexpected++;
                note(examples, "unexpected " + key);
            }
        }
        return new TableCheck(table, want.size(), have.size(), missing, unexpected, different, List.copyOf(examples));
    }

    /** Only the item count (items whose keys cannot be known in advance, e.g. stream event ids). */
    public static TableCheck count(DynamoDbClient dynamoDb, String table, int expected) {
        int actual = 0;
        for (var page : dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true).select("COUNT"))) {
            actual += page.count();
        }
        return new TableCheck(table, expected, actual, Math.max(0, expected - actual), Math.max(0, actual - expected), 0, List.of());
    }

    private static Map<String, Map<String, AttributeValue>> byKey(List<String> keys, List<Map<String, AttributeValue>> items) {
        Map<String, Map<String, AttributeValue>> byKey = new LinkedHashMap<>();
        for (Map<String, AttributeValue> item : items) {
            byKey.put(keys.stream().map(k -> k + "=" + text(item.get(k))).reduce((a, b) -> a + "," + b).orElse(""), item);
        }
        return byKey;
    }

    static boolean same(Map<String, AttributeValue> expected, Map<String, AttributeValue> actual) {
        if (!expected.keySet().equals(actual.keySet())) {
            return false;
        }
        for (Map.Entry<String, AttributeValue> e : expected.entrySet()) {
            AttributeValue a = actual.get(e.getKey());
            if (e.getValue().n() != null && a.n() != null) {
                if (new BigDecimal(e.getValue().n()).compareTo(new BigDecimal(a.n())) != 0) {
                    return false;
                }
            } else if (!Objects.equals(e.getValue(), a)) {
                return false;
            }
        }
        return true;
    }

    private static String text(AttributeValue value) {
        if (value == null) {
            return "?";
        }
        return value.s() != null ? value.s() : value.n() != null ? new BigDecimal(value.n()).stripTrailingZeros().toPlainString() : value.toString();
    }

    private static void note(List<String> examples, String example) {
        if (examples.size() < 5) {
            examples.add(example);
        }
    }
}
