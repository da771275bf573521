package dev.streamproc.consumer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The model's plain item values (String, Long, Boolean, List of String) as DynamoDB attribute values. */
final class AttributeValues {

    private AttributeValues() {
    }

    static Map<String, AttributeValue> of(Map<String, Object> attributes) {
        Map<String, AttributeValue> item = new LinkedHashMap<>(attributes.size() * 2);
        attributes.forEach((name, value) -> {
            if (value != null) { // absent attributes (e.g. Topic) stay absent: ByTopic is sparse
                item.put(name, valueOf(value));
            }
        });
        return item;
    }

    static AttributeValue valueOf(Object value) {
        if (value instanceof String text) {
            return AttributeValue.fromS(text);
        }
        if (value instanceof Number number) {
            return AttributeValue.fromN(number.toString());
        }
        if (value instanceof Boolean bool) {
            return AttributeValue.fromBool(bool);
        }
        if (value instanceof List<?> list) {
            List<AttributeValue> elements = new ArrayList<>(list.size());
            for (Object element : list) {
                elements.add(valueOf(element));
            }
            return AttributeValue.fromL(elements);
        }
        throw new IllegalArgumentException("no DynamoDB type for " + value.getClass().getName());
    }
}
