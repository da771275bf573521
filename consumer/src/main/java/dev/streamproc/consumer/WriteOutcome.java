package dev.streamproc.consumer;

import java.util.Set;

/** What a write attempt achieved: items stored, items given up on, and retries it took. */
public record WriteOutcome(int itemsWritten, Set<ItemKey> unwritten, int retries) {

    public static final WriteOutcome NOTHING_TO_WRITE = new WriteOutcome(0, Set.of(), 0);
}
