package dev.streamproc.local.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.esm.KinesisEventFormat;
import dev.streamproc.local.stream.StreamRecord;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.stream.KplUserRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The Test tab's prefilled events: one per event source of the function, in the shape AWS sends
 * (Lambda developer guide: "Using Lambda with Kinesis", "... with DynamoDB", "... with EventBridge Scheduler",
 * Firehose "Data transformation" request). Stream and table samples carry a real record of the local stack when there
 * is one, so the function sees data it can handle.
 */
public final class SampleEvents {

    private final ConsoleSources sources;
    private final StreamsApi streams;

    public SampleEvents(ConsoleSources sources, StreamsApi streams) {
        this.sources = sources;
        this.streams = streams;
    }

    /** Sample name → event JSON text. */
    public Map<String, String> forFunction(Template.FunctionDef function) {
        Map<String, String> samples = new LinkedHashMap<>();
        Template t = sources.template();
        for (Template.EventDef e : function.events()) {
            try {
                switch (e.type()) {
                    case "Kinesis" -> {
                        String arn = String.valueOf(e.properties().get("Stream"));
                        StreamRecord record = streams.newestRecord(t.streamNameForArn(arn))
                                .orElse(new StreamRecord("shardId-000000000000", "49590338271490256608559692538361571095921575989136588898",
                                        "sample", "{\"sample\":\"record\"}".getBytes(StandardCharsets.UTF_8), Instant.now()));
                        byte[] event = new KinesisEventFormat(arn, t.region(), "arn:aws:iam::" + t.accountId() + ":role/"
                                + function.functionName() + "-role").event(List.of(record));
                        samples.put(e.name() + " (Kinesis)", pretty(event));
                    }
                    case "DynamoDB" -> samples.put(e.name() + " (DynamoDB stream)", dynamoDbEvent(String.valueOf(e.properties().get("Stream"))));
                    case "Schedule", "ScheduleV2" -> samples.put(e.name() + " (schedule)", scheduledEvent(function.functionName() + "-" + e.name()));
                    default -> {
                    }
                }
            } catch (RuntimeException unreadable) {
                // a sample is a convenience: the editor still opens with {}
            }
        }
        for (FirehoseDelivery d : sources.deliveries()) {
            if (d.settings().lambdaArn() != null && sameFunction(d.settings().lambdaArn(), function)) {
                samples.put(d.settings().name() + " (Firehose transformation)", firehoseEvent(d));
            }
        }
        if (samples.isEmpty()) {
            samples.put("empty", "{}");
        }
        return samples;
    }

    private boolean sameFunction(String arn, Template.FunctionDef function) {
        try {
            return sources.template().functionForArn(arn).logicalId().equals(function.logicalId());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String scheduledEvent(String ruleName) {
        ObjectNode event = ConsoleServer.JSON.createObjectNode();
        Template t = sources.template();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", t.accountId());
        event.put("time", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        event.put("region", t.region());
        event.putArray("resources").add("arn:aws:events:" + t.region() + ":" + t.accountId() + ":rule/" + ruleName);
        event.putObject("detail");
        return pretty(event);
    }

    private String dynamoDbEvent(String streamArn) {
        String table = sources.template().tableNameForArn(streamArn);
        var scan = sources.dynamoDb().scan(b -> b.tableName(table).limit(1));
        ObjectNode event = ConsoleServer.JSON.createObjectNode();
        ObjectNode record = event.putArray("Records").addObject();
        record.put("eventID", UUID.randomUUID().toString().replace("-", ""));
        record.put("eventName", "INSERT");
        record.put("eventVersion", "1.1");
        record.put("eventSource", "aws:dynamodb");
        record.put("awsRegion", sources.template().region());
        ObjectNode dynamodb = record.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", Instant.now().getEpochSecond());
        var item = scan.items().isEmpty() ? Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("sample"))
                : scan.items().get(0);
        var tableKey = new TablesApi(sources.dynamoDb()).table(table).key();
        ObjectNode keys = dynamodb.putObject("Keys");
        ObjectNode typed = ItemJson.typed(item);
        for (String k : new String[] {tableKey.partitionKey(), tableKey.sortKey()}) {
            if (k != null && typed.has(k)) {
                keys.set(k, typed.get(k));
            }
        }
        dynamodb.set("NewImage", typed);
        dynamodb.put("SequenceNumber", "100000000000000000001");
        dynamodb.put("SizeBytes", 100);
        dynamodb.put("StreamViewType", "NEW_AND_OLD_IMAGES");
        record.put("eventSourceARN", streamArn);
        return pretty(event);
    }

    private String firehoseEvent(FirehoseDelivery d) {
        var s = d.settings();
        ObjectNode event = ConsoleServer.JSON.createObjectNode();
        event.put("invocationId", UUID.randomUUID().toString());
        event.put("deliveryStreamArn", s.arn());
        event.put("sourceKinesisStreamArn", s.sourceStreamArn());
        event.put("region", s.region());
        ArrayNode records = event.putArray("records");
        var newest = streams.newestRecord(sources.template().streamNameForArn(s.sourceStreamArn()));
        byte[] data = newest.map(r -> KplUserRecords.of(r).get(0).data())
                .orElse("{\"sample\":\"record\"}".getBytes(StandardCharsets.UTF_8));
        ObjectNode record = records.addObject();
        record.put("recordId", "49546986683135544286507457936321625675700192471156785154000000000000000000");
        record.put("approximateArrivalTimestamp", System.currentTimeMillis());
        record.put("data", Base64.getEncoder().encodeToString(data));
        ObjectNode metadata = record.putObject("kinesisRecordMetadata");
        metadata.put("shardId", newest.map(StreamRecord::shardId).orElse("shardId-000000000000"));
        metadata.put("partitionKey", newest.map(StreamRecord::partitionKey).orElse("sample"));
        metadata.put("approximateArrivalTimestamp", System.currentTimeMillis());
        metadata.put("sequenceNumber", newest.map(StreamRecord::sequenceNumber).orElse("49546986683135544286507457936321625675700192471156785154"));
        metadata.put("subsequenceNumber", 0);
        return pretty(event);
    }

    private static String pretty(byte[] json) {
        try {
            return pretty(ConsoleServer.JSON.readTree(json));
        } catch (java.io.IOException e) {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    private static String pretty(Object node) {
        try {
            return ConsoleServer.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
