package dev.streamproc.model;

/** Where a user record came from on the Kinesis stream. */
public record RecordLineage(String shardId, String sequenceNumber, long subSequenceNumber) {
}
