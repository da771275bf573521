package dev.streamproc.consumer;

/**
 * One Kinesis record as the consumer core sees it: the decoded bytes plus where they came
 * from. Free of Lambda event types so the core can be tested and benchmarked on its own.
 */
public record StreamRecord(String shardId, String sequenceNumber, String partitionKey, byte[] data) {
}
