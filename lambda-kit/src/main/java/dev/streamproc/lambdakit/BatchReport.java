package dev.streamproc.lambdakit;

import java.util.List;

/**
 * The result of one invocation. Every record is exactly one of: stored ({@code itemsWritten},
 * plus {@code collapsedDuplicates} that repeated a key of the same batch), rejected, or failed
 * ({@code failedSequenceNumbers}: to be redelivered because their item was not written).
 */
public record BatchReport(
        int records,
        int itemsWritten,
        List<Rejection> rejections,
        int collapsedDuplicates,
        int writeRetries,
        List<String> failedSequenceNumbers) {

    public int rejected() {
        return rejections.size();
    }
}
