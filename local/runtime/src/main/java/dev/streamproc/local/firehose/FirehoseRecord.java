package dev.streamproc.local.firehose;

import java.time.Instant;

/**
 * One user record inside the delivery stream, with the Kinesis lineage Firehose passes to the processor.
 * {@code lastOfKinesisRecord} marks the last user record of an (aggregated) Kinesis record: only once it is
 * stored may the shard's checkpoint pass that Kinesis record.
 */
public record FirehoseRecord(String recordId, byte[] data, Instant approximateArrivalTimestamp, String shardId, String partitionKey,
                             String sequenceNumber, long subSequenceNumber, boolean lastOfKinesisRecord) {
}
