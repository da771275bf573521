package dev.streamproc.examples.gamescores;

import java.util.Map;

/**
 * One DynamoDB Streams record of GameScoreRecords as the aggregation sees it, free of Lambda
 * and SDK types: its identity, what happened, and the new image's plain values (a String for
 * {@code S}, a BigDecimal for {@code N}; other types are left out).
 */
public record ScoreChange(String eventId, String sequenceNumber, String eventName, Map<String, Object> newImage) {
}
