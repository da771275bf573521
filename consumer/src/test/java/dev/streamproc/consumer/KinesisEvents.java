package dev.streamproc.consumer;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.lambdakit.KinesisRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

/**
 * Kinesis events as Lambda delivers them: JSON in the event source mapping's shape, turned
 * into {@link KinesisEvent} by the same serializer the runtime interface client uses.
 */
final class KinesisEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PojoSerializer<KinesisEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(KinesisEvent.class, KinesisEvents.class.getClassLoader());

    private KinesisEvents() {
    }

    static KinesisEvent fromResource(String name) {
        try (InputStream in = KinesisEvents.class.getResourceAsStream("/events/" + name)) {
            return SERIALIZER.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KinesisEvent of(List<KinesisRecord> records) {
        return SERIALIZER.fromJson(json(records));
    }

    static String json(List<KinesisRecord> records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (KinesisRecord record : records) {
            ObjectNode entry = array.addObject();
            ObjectNode kinesis = entry.putObject("kinesis");
            kinesis.put("kinesisSchemaVersion", "1.0");
            kinesis.put("partitionKey", record.partitionKey());
            kinesis.put("sequenceNumber", record.sequenceNumber());
            kinesis.put("data", Base64.getEncoder().encodeToString(record.data()));
            kinesis.put("approximateArrivalTimestamp", 1_700_000_000.123);
            entry.put("eventSource", "aws:kinesis");
            entry.put("eventVersion", "1.0");
            entry.put("eventID", record.shardId() + ":" + record.sequenceNumber());
            entry.put("eventName", "aws:kinesis:record");
            entry.put("invokeIdentityArn", "arn:aws:iam::123456789012:role/ConsumerFunctionRole");
            entry.put("awsRegion", "us-east-1");
            entry.put("eventSourceARN", "arn:aws:kinesis:us-east-1:123456789012:stream/streamproc-TweetStream");
        }
        return event.toString();
    }
}
