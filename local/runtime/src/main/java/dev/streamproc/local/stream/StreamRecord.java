package dev.streamproc.local.stream;

import java.time.Instant;

/** One record as read from a shard: what an event source mapping or Firehose needs of it. */
public record StreamRecord(String shardId, String sequenceNumber, String partitionKey, byte[] data, Instant approximateArrivalTimestamp) {
}
