package dev.streamproc.local.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** DynamoDB stream records in the JSON Lambda puts in a DynamoDB event (attribute values in DynamoDB's typed JSON). */
final class DynamoDbJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private DynamoDbJson() {
    }

    static ObjectNode eventEntry(Record r) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("eventID", r.eventID());
        entry.put("eventName", r.eventNameAsString());
        entry.put("eventVersion", r.eventVersion() == null ? "1.1" : r.eventVersion());
        entry.put("eventSource", "aws:dynamodb");
        entry.put("awsRegion", r.awsRegion());
        ObjectNode dynamodb = entry.putObject("dynamodb");
        var s = r.dynamodb();
        if (s.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", s.approximateCreationDateTime().getEpochSecond());
        }
        if (s.hasKeys()) {
            dynamodb.set("Keys", attributes(s.keys()));
        }
        if (s.hasNewImage()) {
            dynamodb.set("NewImage", attributes(s.newImage()));
        }
        if (s.hasOldImage()) {
            dynamodb.set("OldImage", attributes(s.oldImage()));
        }
        dynamodb.put("SequenceNumber", s.sequenceNumber());
        if (s.sizeBytes() != null) {
            dynamodb.put("SizeBytes", s.sizeBytes());
        }
        if (s.streamViewType() != null) {
            dynamodb.put("StreamViewType", s.streamViewTypeAsString());
        }
        return entry;
    }

    static ObjectNode attributes(Map<String, AttributeValue> attributes) {
        ObjectNode node = JSON.createObjectNode();
        attributes.forEach((name, value) -> node.set(name, value(value)));
        return node;
    }

    private static ObjectNode value(AttributeValue v) {
        ObjectNode node = JSON.createObjectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", base64(v.b()));
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case SS -> v.ss().forEach(node.putArray("SS")::add);
            case NS -> v.ns().forEach(node.putArray("NS")::add);
            case BS -> {
                ArrayNode array = node.putArray("BS");
                v.bs().forEach(b -> array.add(base64(b)));
            }
            case M -> node.set("M", attributes(v.m()));
            case L -> {
                ArrayNode array = node.putArray("L");
                v.l().forEach(item -> array.add(value(item)));
            }
            default -> throw new IllegalArgumentException("unknown attribute type " + v);
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
