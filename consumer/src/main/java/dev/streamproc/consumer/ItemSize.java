package dev.streamproc.consumer;

import java.util.List;
import java.util.Map;

/**
 * An upper bound of an item's size as DynamoDB counts it (attribute names plus values), so an
 * item over the 400 KB limit is rejected up front instead of failing its whole 25-item call.
 */
final class ItemSize {

    static final long DYNAMODB_MAX_ITEM_BYTES = 400 * 1024;

    private ItemSize() {
    }

    static boolean exceedsDynamoDbLimit(Map<String, Object> attributes) {
        // Three bytes per char bounds UTF-8 from above; count exactly only when that bound is too big.
        return upperBoundBytes(attributes, false) > DYNAMODB_MAX_ITEM_BYTES
                && upperBoundBytes(attributes, true) > DYNAMODB_MAX_ITEM_BYTES;
    }

    static long upperBoundBytes(Map<String, Object> attributes, boolean exactText) {
        long total = 0;
        for (Map.Entry<String, Object> attribute : attributes.entrySet()) {
            total += textBytes(attribute.getKey(), exactText) + valueBytes(attribute.getValue(), exactText);
        }
        return total;
    }

    private static long valueBytes(Object value, boolean exactText) {
        if (value instanceof String text) {
            return textBytes(text, exactText);
        }
        if (value instanceof Number) {
            return 21; // DynamoDB stores up to 38 significant digits in at most 21 bytes
        }
        if (value instanceof List<?> list) {
            long total = 3;
            for (Object element : list) {
                total += 1 + valueBytes(element, exactText);
            }
            return total;
        }
        return 1; // booleans and nulls
    }

    private static long textBytes(String text, boolean exact) {
        return exact ? utf8Length(text) : 3L * text.length();
    }

    private static long utf8Length(String text) {
        // Exact count without allocating: a char is 1..3 bytes, a surrogate pair 4.
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
