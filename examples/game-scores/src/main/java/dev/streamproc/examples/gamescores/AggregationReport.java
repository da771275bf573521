package dev.streamproc.examples.gamescores;

import java.util.List;

/**
 * One invocation's accounting. Every stream record is exactly one of: added, already added (a
 * redelivery: nothing changed), skipped, rejected, or failed (to be delivered again).
 */
public record AggregationReport(
        int records,
        int added,
        int alreadyAdded,
        int skipped,
        List<String> rejections,
        int retries,
        List<String> failedSequenceNumbers) {

    public int rejected() {
        return rejections.size();
    }
}
