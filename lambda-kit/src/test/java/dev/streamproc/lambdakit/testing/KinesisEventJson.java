package dev.streamproc.lambdakit.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Kinesis events in the event source mapping's JSON shape (docs: "Using Lambda with Kinesis",
 * example event), one shard, sequence numbers in delivery order.
 */
public final class KinesisEventJson {

    public static final String SHARD = "shardId-000000000000";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String streamName;
    private final List<byte[]> data = new ArrayList<>();

    public KinesisEventJson(String streamName) {
        this.streamName = streamName;
    }

    public KinesisEventJson record(byte[] bytes) {
        data.add(bytes);
        return this;
    }

    public KinesisEventJson record(String text) {
        return record(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The sequence number of the n-th record (1-based) of any event built here. */
    public static String sequenceNumber(int n) {
        return String.format("4959033827149025660855969253836157109592157598913658%04d", n);
    }

    public String json() {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (int i = 0; i < data.size(); i++) {
            String sequenceNumber = sequenceNumber(i + 1);
            ObjectNode entry = array.addObject();
            ObjectNode kinesis = entry.putObject("kinesis");
            kinesis.put("kinesisSchemaVersion", "1.0");
            kinesis.put("partitionKey", "pk-" + (i + 1));
            kinesis.put("sequenceNumber", sequenceNumber);
            kinesis.put("data", Base64.getEncoder().encodeToString(data.get(i)));
            kinesis.put("approximateArrivalTimestamp", 1_700_000_000.123);
            entry.put("eventSource", "aws:kinesis");
            entry.put("eventVersion", "1.0");
            entry.put("eventID", SHARD + ":" + sequenceNumber);
            entry.put("eventName", "aws:kinesis:record");
            entry.put("invokeIdentityArn", "arn:aws:iam::123456789012:role/lambda-role");
            entry.put("awsRegion", "us-east-1");
            entry.put("eventSourceARN", "arn:aws:kinesis:us-east-1:123456789012:stream/" + streamName);
        }
        return event.toString();
    }

    public KinesisEvent event() {
        return LambdaEvents.fromJson(KinesisEvent.class, json());
    }
}
