package dev.streamproc.local.esm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.local.stream.StreamRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The Lambda Kinesis event: {@code {"Records":[{"kinesis":{...},"eventSource":"aws:kinesis",...}]}}, with
 * {@code approximateArrivalTimestamp} in fractional epoch seconds as Lambda sends it.
 */
public final class KinesisEventFormat implements EventFormat {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int ENVELOPE = "{\"Records\":[]}".length();

    private final String streamArn;
    private final String region;
    private final String invokeIdentityArn;

    public KinesisEventFormat(String streamArn, String region, String invokeIdentityArn) {
        this.streamArn = streamArn;
        this.region = region;
        this.invokeIdentityArn = invokeIdentityArn;
    }

    @Override
    public byte[] event(List<StreamRecord> batch) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode records = root.putArray("Records");
        batch.forEach(r -> records.add(record(r)));
        return bytes(root);
    }

    @Override
    public int recordSize(StreamRecord record) {
        return bytes(record(record)).length + 1;
    }

    @Override
    public int envelopeSize() {
        return ENVELOPE;
    }

    @Override
    public String batchInfoKey() {
        return "KinesisBatchInfo";
    }

    private ObjectNode record(StreamRecord r) {
        ObjectNode record = JSON.createObjectNode();
        ObjectNode kinesis = record.putObject("kinesis");
        kinesis.put("kinesisSchemaVersion", "1.0");
        kinesis.put("partitionKey", r.partitionKey());
        kinesis.put("sequenceNumber", r.sequenceNumber());
        kinesis.put("data", Base64.getEncoder().encodeToString(r.data()));
        kinesis.put("approximateArrivalTimestamp", epochSeconds(r.approximateArrivalTimestamp()));
        record.put("eventSource", "aws:kinesis");
        record.put("eventVersion", "1.0");
        record.put("eventID", r.shardId() + ":" + r.sequenceNumber());
        record.put("eventName", "aws:kinesis:record");
        record.put("invokeIdentityArn", invokeIdentityArn);
        record.put("awsRegion", region);
        record.put("eventSourceARN", streamArn);
        return record;
    }

    static BigDecimal epochSeconds(Instant instant) {
        Instant at = instant == null ? Instant.now() : instant;
        return BigDecimal.valueOf(at.toEpochMilli()).movePointLeft(3);
    }

    private static byte[] bytes(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
