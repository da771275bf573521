package dev.streamproc.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB items as the console shows and takes them, like DynamoDB's console: "DynamoDB JSON" (typed,
 * {@code {"Name":{"S":"x"}}}) and plain JSON (numbers as numbers, sets as arrays, binary as base64 text).
 */
public final class ItemJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ItemJson() {
    }

    public static ObjectNode typed(Map<String, AttributeValue> item) {
        ObjectNode node = NODES.objectNode();
        item.forEach((name, value) -> node.set(name, typed(value)));
        return node;
    }

    static ObjectNode typed(AttributeValue v) {
        ObjectNode node = NODES.objectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", base64(v.b()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case BS -> v.bs().forEach(b -> node.withArray("BS").add(base64(b)));
            case L -> v.l().forEach(e -> node.withArray("L").add(typed(e)));
            case M -> node.set("M", typed(v.m()));
            default -> throw new IllegalArgumentException("an attribute value of an unknown type: " + v);
        }
        return node;
    }

    public static ObjectNode plain(Map<String, AttributeValue> item) {
        ObjectNode node = NODES.objectNode();
        item.forEach((name, value) -> node.set(name, plain(value)));
        return node;
    }

    static JsonNode plain(AttributeValue v) {
        return switch (v.type()) {
            case S -> NODES.textNode(v.s());
            case N -> NODES.numberNode(new BigDecimal(v.n()));
            case B -> NODES.textNode(base64(v.b()));
            case BOOL -> NODES.booleanNode(v.bool());
            case NUL -> NODES.nullNode();
            case SS -> array(v.ss().stream().map(NODES::textNode).toList());
            case NS -> array(v.ns().stream().map(n -> (JsonNode) NODES.numberNode(new BigDecimal(n))).toList());
            case BS -> array(v.bs().stream().map(b -> (JsonNode) NODES.textNode(base64(b))).toList());
            case L -> array(v.l().stream().map(ItemJson::plain).toList());
            case M -> plain(v.m());
            default -> throw new IllegalArgumentException("an attribute value of an unknown type: " + v);
        };
    }

    private static ArrayNode array(List<? extends JsonNode> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    /** An item from DynamoDB JSON: every attribute must be one typed value. */
    public static Map<String, AttributeValue> fromTyped(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw new ApiException(400, "an item is a JSON object of attributes");
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        item.fields().forEachRemaining(e -> attributes.put(e.getKey(), fromTypedValue(e.getKey(), e.getValue())));
        return attributes;
    }

    private static AttributeValue fromTypedValue(String name, JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new ApiException(400, "attribute '" + name + "': DynamoDB JSON wants one type key, e.g. {\"S\": \"text\"}");
        }
        Map.Entry<String, JsonNode> typed = node.fields().next();
        JsonNode value = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> AttributeValue.fromS(text(name, value));
            case "N" -> AttributeValue.fromN(number(name, text(name, value)));
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(decode(name, text(name, value))));
            case "BOOL" -> AttributeValue.fromBool(value.asBoolean());
            case "NULL" -> AttributeValue.fromNul(true);
            case "SS" -> AttributeValue.fromSs(texts(name, value));
            case "NS" -> AttributeValue.fromNs(texts(name, value).stream().map(n -> number(name, n)).toList());
            case "BS" -> AttributeValue.fromBs(texts(name, value).stream().map(b -> SdkBytes.fromByteArray(decode(name, b))).toList());
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                value.forEach(e -> list.add(fromTypedValue(name, e)));
                yield AttributeValue.fromL(list);
            }
            case "M" -> AttributeValue.fromM(fromTyped(value));
            default -> throw new ApiException(400, "attribute '" + name + "': unknown DynamoDB type '" + typed.getKey() + "'");
        };
    }

    /** An item from plain JSON: text → S, number → N, boolean → BOOL, null → NULL, array → L, object → M. */
    public static Map<String, AttributeValue> fromPlain(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw new ApiException(400, "an item is a JSON object of attributes");
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        item.fields().forEachRemaining(e -> attributes.put(e.getKey(), fromPlainValue(e.getValue())));
        return attributes;
    }

    private static AttributeValue fromPlainValue(JsonNode node) {
        if (node.isTextual()) {
            return AttributeValue.fromS(node.asText());
        }
        if (node.isNumber()) {
            return AttributeValue.fromN(node.decimalValue().toPlainString());
        }
        if (node.isBoolean()) {
            return AttributeValue.fromBool(node.asBoolean());
        }
        if (node.isNull()) {
            return AttributeValue.fromNul(true);
        }
        if (node.isArray()) {
            List<AttributeValue> list = new ArrayList<>();
            node.forEach(e -> list.add(fromPlainValue(e)));
            return AttributeValue.fromL(list);
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            map.put(e.getKey(), fromPlainValue(e.getValue()));
        }
        return AttributeValue.fromM(map);
    }

    private static String text(String name, JsonNode value) {
        if (!value.isTextual()) {
            throw new ApiException(400, "attribute '" + name + "': the value must be a JSON string, e.g. {\"N\": \"42\"}");
        }
        return value.asText();
    }

    private static List<String> texts(String name, JsonNode value) {
        if (!value.isArray()) {
            throw new ApiException(400, "attribute '" + name + "': a set is a JSON array of strings");
        }
        List<String> texts = new ArrayList<>();
        value.forEach(e -> texts.add(text(name, e)));
        return texts;
    }

    private static String number(String name, String text) {
        try {
            return new BigDecimal(text).toString().equals(text) ? text : new BigDecimal(text).toString();
        } catch (NumberFormatException e) {
            throw new ApiException(400, "attribute '" + name + "': '" + text + "' is not a number");
        }
    }

    private static byte[] decode(String name, String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "attribute '" + name + "': binary values are base64 text");
        }
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
