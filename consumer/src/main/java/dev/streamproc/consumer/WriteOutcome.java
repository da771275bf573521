package dev.streamproc.consumer;

import java.util.Map;
import java.util.Set;

/**
 * What a write attempt achieved: items stored, items given up on for now (to retry), retries it took, and items
 * DynamoDB refused for what they hold (never worth retrying), each with DynamoDB's reason.
 */
public record WriteOutcome(int itemsWritten, Set<ItemKey> unwritten, int retries, Map<ItemKey, String> refused) {

    public static final WriteOutcome NOTHING_TO_WRITE = new WriteOutcome(0, Set.of(), 0);

    public WriteOutcome(int itemsWritten, Set<ItemKey> unwritten, int retries) {
        this(itemsWritten, unwritten, retries, Map.of());
    }
}
