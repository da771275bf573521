package dev.streamproc.consumer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DynamoDB's limits on key values, checked for the table's key and for the {@code ByTopic} index's key: an item
 * that breaks one is refused by DynamoDB with a ValidationException for its whole BatchWriteItem call, so it is
 * rejected up front, alone. Limits from the DynamoDB Developer Guide, "Constraints", partition and sort key
 * lengths: a partition key value is 1 to 2,048 bytes, a sort key value 1 to 1,024 bytes (UTF-8), the same for the
 * key attributes of a secondary index.
 */
final class KeyLimits {

    static final int MAX_PARTITION_KEY_BYTES = 2048;
    static final int MAX_SORT_KEY_BYTES = 1024;

    /** Attribute, role and limit: the table key (Username, Id) and the ByTopic index key (Topic, Timestamp). */
    private static final List<KeyAttribute> KEY_ATTRIBUTES = List.of(
            new KeyAttribute(ItemKey.PARTITION_KEY, "partition key", MAX_PARTITION_KEY_BYTES, true),
            new KeyAttribute(ItemKey.SORT_KEY, "sort key", MAX_SORT_KEY_BYTES, true),
            new KeyAttribute("Topic", "ByTopic index partition key", MAX_PARTITION_KEY_BYTES, false),
            new KeyAttribute("Timestamp", "ByTopic index sort key", MAX_SORT_KEY_BYTES, false));

    private KeyLimits() {
    }

    /** Why DynamoDB would refuse the item's key values, or empty when every key value is within its limits. */
    static Optional<String> violation(Map<String, Object> attributes) {
        for (KeyAttribute key : KEY_ATTRIBUTES) {
            Object value = attributes.get(key.name());
            if (value == null) {
                if (key.required()) {
                    return Optional.of("no " + key.name() + " (" + key.role() + ")");
                }
                continue; // a sparse index key may be absent
            }
            if (!(value instanceof String text)) {
                return Optional.of(key.name() + " (" + key.role() + ") is not a string");
            }
            if (text.isEmpty()) {
                return Optional.of("empty " + key.name() + " (" + key.role() + ")");
            }
            // Three bytes per char bound UTF-8 from above: encode only when the bound is over the limit.
            if (3L * text.length() > key.maxBytes()) {
                int bytes = text.getBytes(StandardCharsets.UTF_8).length;
                if (bytes > key.maxBytes()) {
                    return Optional.of(key.name() + " (" + key.role() + ") of " + bytes
                            + " bytes exceeds DynamoDB's " + key.maxBytes());
                }
            }
        }
        return Optional.empty();
    }

    private record KeyAttribute(String name, String role, int maxBytes, boolean required) {
    }
}
