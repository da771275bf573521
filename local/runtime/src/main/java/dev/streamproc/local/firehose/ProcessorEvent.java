package dev.streamproc.local.firehose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;

/** The event Firehose sends its Lambda processor for a Kinesis-sourced stream (timestamps in epoch ms). */
final class ProcessorEvent {

    static final ObjectMapper JSON = new ObjectMapper();

    private ProcessorEvent() {
    }

    static byte[] json(String invocationId, FirehoseSettings settings, List<FirehoseRecord> records) {
        ObjectNode root = JSON.createObjectNode();
        root.put("invocationId", invocationId);
        root.put("deliveryStreamArn", settings.arn());
        root.put("sourceKinesisStreamArn", settings.sourceStreamArn());
        root.put("region", settings.region());
        ArrayNode array = root.putArray("records");
        for (FirehoseRecord r : records) {
            ObjectNode record = array.addObject();
            record.put("recordId", r.recordId());
            record.put("approximateArrivalTimestamp", r.approximateArrivalTimestamp().toEpochMilli());
            record.put("data", Base64.getEncoder().encodeToString(r.data()));
            ObjectNode metadata = record.putObject("kinesisRecordMetadata");
            metadata.put("shardId", r.shardId());
            metadata.put("partitionKey", r.partitionKey());
            metadata.put("approximateArrivalTimestamp", r.approximateArrivalTimestamp().toEpochMilli());
            metadata.put("sequenceNumber", r.sequenceNumber());
            metadata.put("subsequenceNumber", r.subSequenceNumber());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
