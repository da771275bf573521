package dev.streamproc.local.esm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.local.stream.StreamRecord;
import java.time.Instant;
import java.util.List;

/**
 * The invocation record Lambda sends to a stream mapping's on-failure destination: request and response
 * context, and where the discarded records are in the shard (the records themselves are not included).
 */
public final class FailureRecord {

    public enum Condition { RetryAttemptsExhausted, RecordAgeExceeded }

    private FailureRecord() {
    }

    /**
     * @param lastResult the last invocation's result, or null when the batch was discarded before any invocation
     */
    public static String json(String requestId, String functionArn, Condition condition, int invokeCount,
                              String functionError, boolean invoked, List<StreamRecord> records, String streamArn,
                              String batchInfoKey, Instant now) {
        ObjectNode root = KinesisEventFormat.JSON.createObjectNode();
        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", requestId);
        request.put("functionArn", functionArn);
        request.put("condition", condition.name());
        request.put("approximateInvokeCount", invokeCount);
        ObjectNode response = root.putObject("responseContext");
        if (invoked) {
            response.put("statusCode", 200);
            response.put("executedVersion", "$LATEST");
            if (functionError != null) {
                response.put("functionError", functionError);
            }
        }
        root.put("version", "1.0");
        root.put("timestamp", now.toString());
        StreamRecord first = records.get(0);
        StreamRecord last = records.get(records.size() - 1);
        ObjectNode info = root.putObject(batchInfoKey);
        info.put("shardId", first.shardId());
        info.put("startSequenceNumber", first.sequenceNumber());
        info.put("endSequenceNumber", last.sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", String.valueOf(first.approximateArrivalTimestamp()));
        info.put("approximateArrivalOfLastRecord", String.valueOf(last.approximateArrivalTimestamp()));
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        try {
            return KinesisEventFormat.JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
