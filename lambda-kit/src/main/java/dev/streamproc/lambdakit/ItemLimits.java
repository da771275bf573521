package dev.streamproc.lambdakit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's per-item limits, checked before writing: one item over them makes BatchWriteItem
 * refuse its whole call of 25 (a ValidationException) on every retry, which would hold the
 * other 24 and the shard back. Limits from the DynamoDB developer guide, "Service, account,
 * and table quotas": partition key value ≤ 2048 bytes, sort key value ≤ 1024 bytes, item ≤
 * 400 KB (attribute names plus values, UTF-8).
 */
public final class ItemLimits {

    public static final int MAX_PARTITION_KEY_BYTES = 2048;
    public static final int MAX_SORT_KEY_BYTES = 1024;
    public static final long MAX_ITEM_BYTES = 400 * 1024;
    /** A number takes at most 21 bytes (38 significant digits). */
    private static final int MAX_NUMBER_BYTES = 21;

    private ItemLimits() {
    }

    /**
     * Why DynamoDB would refuse the item, or empty. {@code keyAttributes} is the partition key's
     * name, then the sort key's if the table has one.
     */
    public static Optional<String> violation(Map<String, AttributeValue> item, List<String> keyAttributes) {
        for (int i = 0; i < keyAttributes.size(); i++) {
            String name = keyAttributes.get(i);
            AttributeValue value = item.get(name);
            int limit = i == 0 ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES;
            if (value == null) {
                return Optional.of("no " + name + " (key attribute)");
            }
            if (value.s() != null && (value.s().isEmpty() || utf8(value.s()) > limit)) {
                return Optional.of(name + " must be 1 to " + limit + " bytes, was " + utf8(value.s()));
            }
        }
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + valueBytes(attribute.getValue());
        }
        return size > MAX_ITEM_BYTES
                ? Optional.of("item of " + size + " bytes exceeds DynamoDB's 400 KB")
                : Optional.empty();
    }

    private static long valueBytes(AttributeValue value) {
        if (value.s() != null) {
            return utf8(value.s());
        }
        if (value.n() != null) {
            return MAX_NUMBER_BYTES;
        }
        return 1; // the examples store strings and numbers only; anything else counts as small
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
