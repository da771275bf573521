package dev.streamproc.consumer;

import java.util.List;

/**
 * The result of one invocation. Every user record is exactly one of: an item to store
 * ({@code userRecords - skipped - rejected}, of which {@code collapsedDuplicates} repeated a key
 * already in the batch), skipped, or rejected; {@code failedSequenceNumbers} are the Kinesis
 * records to redeliver because some of their items were not written.
 */
public record BatchSummary(
        int records,
        int userRecords,
        int itemsWritten,
        int skipped,
        List<Rejection> rejections,
        int collapsedDuplicates,
        int writeRetries,
        List<String> failedSequenceNumbers) {

    public int rejected() {
        return rejections.size();
    }
}
