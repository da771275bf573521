package dev.streamproc.lambdakit;

/** A record dropped on purpose, with what an operator needs to find it again (its head escaped for logs). */
public record Rejection(String shardId, String sequenceNumber, String reason, String head) {
}
