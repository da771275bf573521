package dev.streamproc.examples.gamescores;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.lambdakit.testing.LambdaEvents;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * DynamoDB Streams records as Lambda delivers them (the shape of the lab's test event and of
 * the "Using Lambda with DynamoDB" example): written by hand or from records read from a real
 * table stream with the SDK.
 */
final class DynamodbEventJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/GameScoreRecords/stream/2026-11-29T18:00:00.000";

    private final ArrayNode records = JSON.createArrayNode();

    /** An INSERT of a score record, eventID and sequence number from {@code n}. */
    DynamodbEventJson insert(int n, String username, long score) {
        return record(String.format("%032x", n), String.format("%021d", n), "INSERT",
                Map.of("RecordID", AttributeValue.fromN(Integer.toString(n)),
                        "Username", AttributeValue.fromS(username),
                        "Score", AttributeValue.fromN(Long.toString(score))));
    }

    DynamodbEventJson record(String eventId, String sequenceNumber, String eventName, Map<String, AttributeValue> newImage) {
        ObjectNode record = records.addObject();
        record.put("eventID", eventId);
        record.put("eventName", eventName);
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", "us-east-1");
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", 1_764_439_200);
        if (newImage != null) {
            if (newImage.containsKey("RecordID")) {
                dynamodb.putObject("Keys").set("RecordID", json(newImage.get("RecordID")));
            }
            ObjectNode image = dynamodb.putObject("NewImage");
            newImage.forEach((name, value) -> image.set(name, json(value)));
        }
        dynamodb.put("SequenceNumber", sequenceNumber);
        dynamodb.put("SizeBytes", 26);
        dynamodb.put("StreamViewType", "NEW_IMAGE");
        record.put("eventSourceARN", STREAM_ARN);
        return this;
    }

    /** Records read from a table's stream with the SDK, as the event source mapping passes them on. */
    static DynamodbEventJson of(List<Record> streamRecords) {
        DynamodbEventJson event = new DynamodbEventJson();
        for (Record record : streamRecords) {
            event.record(record.eventID(), record.dynamodb().sequenceNumber(), record.eventNameAsString(),
                    record.dynamodb().hasNewImage() ? record.dynamodb().newImage() : null);
        }
        return event;
    }

    int size() {
        return records.size();
    }

    DynamodbEvent event() {
        ObjectNode event = JSON.createObjectNode();
        event.set("Records", records.deepCopy());
        return LambdaEvents.fromJson(DynamodbEvent.class, event.toString());
    }

    private static ObjectNode json(AttributeValue value) {
        ObjectNode node = JSON.createObjectNode();
        if (value.s() != null) {
            node.put("S", value.s());
        } else if (value.n() != null) {
            node.put("N", value.n());
        } else {
            throw new IllegalArgumentException("only S and N attributes in these tests: " + value);
        }
        return node;
    }
}
