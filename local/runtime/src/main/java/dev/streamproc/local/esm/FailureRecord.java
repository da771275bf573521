package dev.streamproc.local.esm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamproc.local.stream.StreamRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The invocation record Lambda sends to a stream mapping's on-failure destination: request context, the last
 * invocation's response context, and where the discarded records are in the shard (the records themselves go
 * only to an S3 destination, as {@code payload}). Shape as AWS recorded it (LocalStack snapshots
 * {@code test_lambda_integration_kinesis.snapshot.json} / {@code ..._dynamodbstreams.snapshot.json}):
 * <ul>
 *   <li>{@code RecordAgeExceeded} carries no {@code responseContext}, and an {@code approximateInvokeCount} of at
 *   least 1 even when the records expired before any invocation ({@code test_kinesis_maximum_record_age_exceeded[*]},
 *   {@code test_kinesis_maximum_record_age_exceeded_discard_records});</li>
 *   <li>{@code functionError} is {@code "Unhandled"} after a function error and present but {@code null} after a
 *   partial or invalid batch-item response ({@code test_kinesis_report_batch_item_failure_scenarios[*]});</li>
 *   <li>{@code timestamp} has exactly three fractional digits.</li>
 * </ul>
 */
public final class FailureRecord {

    public enum Condition { RetryAttemptsExhausted, RecordAgeExceeded }

    /** The last invocation of the records: the request id the function saw and Lambda's function error, if any. */
    public record LastInvocation(String requestId, String functionError) {
    }

    static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FailureRecord() {
    }

    /**
     * @param last        the last invocation, or null when the records were never invoked
     * @param invokeCount invocations made with these records
     */
    public static ObjectNode node(String functionArn, Condition condition, int invokeCount, LastInvocation last,
                                  List<StreamRecord> records, String streamArn, EventFormat format, Instant now,
                                  String freshRequestId) {
        ObjectNode root = KinesisEventFormat.JSON.createObjectNode();
        ObjectNode request = root.putObject("requestContext");
        request.put("requestId", last == null ? freshRequestId : last.requestId());
        request.put("functionArn", functionArn);
        request.put("condition", condition.name());
        request.put("approximateInvokeCount", Math.max(1, invokeCount));
        if (condition == Condition.RetryAttemptsExhausted && last != null) {
            ObjectNode response = root.putObject("responseContext");
            response.put("statusCode", 200);
            response.put("executedVersion", "$LATEST");
            response.put("functionError", last.functionError());
        }
        root.put("version", "1.0");
        root.put("timestamp", MILLIS.format(now));
        StreamRecord first = records.get(0);
        StreamRecord lastRecord = records.get(records.size() - 1);
        ObjectNode info = root.putObject(format.batchInfoKey());
        info.put("shardId", first.shardId());
        info.put("startSequenceNumber", first.sequenceNumber());
        info.put("endSequenceNumber", lastRecord.sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", format.arrivalText(first.approximateArrivalTimestamp()));
        info.put("approximateArrivalOfLastRecord", format.arrivalText(lastRecord.approximateArrivalTimestamp()));
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        return root;
    }

    public static String json(ObjectNode node) {
        try {
            return KinesisEventFormat.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
