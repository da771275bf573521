package dev.streamproc.lambdakit;

import java.util.Map;
import java.util.Set;

/**
 * What a write attempt achieved: items stored, the keys of items given up on for now (to retry), retries it took,
 * and the keys of items DynamoDB refused for what they hold (never worth retrying), each with DynamoDB's reason.
 */
public record WriteOutcome<K>(int itemsWritten, Set<K> unwritten, int retries, Map<K, String> refused) {

    public WriteOutcome(int itemsWritten, Set<K> unwritten, int retries) {
        this(itemsWritten, unwritten, retries, Map.of());
    }

    public static <K> WriteOutcome<K> nothingToWrite() {
        return new WriteOutcome<>(0, Set.of(), 0);
    }
}
