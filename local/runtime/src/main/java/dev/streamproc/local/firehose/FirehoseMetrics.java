package dev.streamproc.local.firehose;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one delivery stream for the demo's accounting. */
public final class FirehoseMetrics {

    final AtomicLong kinesisRecordsIn = new AtomicLong();
    final AtomicLong recordsIn = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong processingFailed = new AtomicLong();
    final AtomicLong invocations = new AtomicLong();
    final AtomicLong objectsWritten = new AtomicLong();
    final AtomicLong errorObjectsWritten = new AtomicLong();

    /**
     * @param recordsIn        user records after de-aggregation (what the processor is given)
     * @param okRecords        records the processor returned Ok and that are stored in S3
     * @param processingFailed records written to the error prefix
     */
    public record Snapshot(long kinesisRecordsIn, long recordsIn, long okRecords, long droppedRecords, long processingFailed,
                           long invocations, long objectsWritten, long errorObjectsWritten) {

        /** Records taken in but not yet stored, dropped or written as failed (buffered or in the processor). */
        public long inFlight() {
            return recordsIn - okRecords - droppedRecords - processingFailed;
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(kinesisRecordsIn.get(), recordsIn.get(), ok.get(), dropped.get(), processingFailed.get(),
                invocations.get(), objectsWritten.get(), errorObjectsWritten.get());
    }
}
