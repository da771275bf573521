package dev.streamproc.local.esm;

import dev.streamproc.local.stream.StreamRecord;
import java.util.List;

/** How a batch of stream records becomes the event JSON a function receives (Kinesis or DynamoDB Streams shape). */
public interface EventFormat {

    byte[] event(List<StreamRecord> batch);

    /** Bytes one record adds to the event, to keep a batch under the invocation payload limit. */
    int recordSize(StreamRecord record);

    /** Bytes of the event around its records. */
    int envelopeSize();

    /** The key of the batch description in an on-failure record: {@code KinesisBatchInfo} / {@code DDBStreamBatchInfo}. */
    String batchInfoKey();

    /** The stream ARN as the function sees it in {@code eventSourceARN} (and the on-failure record's {@code streamArn}). */
    String eventSourceArn();

    /**
     * A record's arrival as the on-failure record writes it: Kinesis with milliseconds ({@code 2022-07-13T13:48:01.000Z}),
     * DynamoDB Streams in whole seconds ({@code 2022-07-13T13:48:01Z}), as AWS recorded them (LocalStack snapshots
     * {@code test_kinesis_event_source_mapping_with_on_failure_destination_config},
     * {@code test_dynamodb_report_batch_item_failure_scenarios[*]}).
     */
    default String arrivalText(java.time.Instant arrival) {
        return arrival == null ? null : FailureRecord.MILLIS.format(arrival);
    }
}
