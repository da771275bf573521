package dev.streamproc.lambdakit;

import java.util.Set;

/** What a write attempt achieved: items stored, the keys of items given up on, and retries it took. */
public record WriteOutcome<K>(int itemsWritten, Set<K> unwritten, int retries) {

    public static <K> WriteOutcome<K> nothingToWrite() {
        return new WriteOutcome<>(0, Set.of(), 0);
    }
}
