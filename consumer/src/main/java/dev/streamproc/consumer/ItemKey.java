package dev.streamproc.consumer;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The EventData primary key (partition key {@code Username}, sort key {@code Id}). */
public record ItemKey(String username, String id) {

    public static final String PARTITION_KEY = "Username";
    public static final String SORT_KEY = "Id";

    public static ItemKey of(Map<String, ?> attributes) {
        return new ItemKey(text(attributes.get(PARTITION_KEY)), text(attributes.get(SORT_KEY)));
    }

    private static String text(Object value) {
        if (value instanceof AttributeValue attribute) {
            return attribute.s();
        }
        return (String) value;
    }
}
