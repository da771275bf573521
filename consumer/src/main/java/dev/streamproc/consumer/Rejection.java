package dev.streamproc.consumer;

/** A user record dropped on purpose, with what an operator needs to find it again. */
public record Rejection(String shardId, String sequenceNumber, long subSequenceNumber, String reason, String head) {
}
