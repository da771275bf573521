package dev.streamproc.lambdakit;

/**
 * One Kinesis record as a function's core sees it: the decoded bytes plus where they came
 * from. Free of Lambda event types so the core can be tested on its own.
 */
public record KinesisRecord(String shardId, String sequenceNumber, String partitionKey, byte[] data) {
}
