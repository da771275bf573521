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
    final AtomicLong s3PutAttempts = new AtomicLong();
    final AtomicLong s3PutSuccesses = new AtomicLong();
    /** Arrival (epoch millis) of the oldest record taken in and not yet stored in S3; 0 when none. */
    volatile long oldestPendingMillis;

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

    /** S3 PutObject calls tried, for DeliveryToS3.Success (successes / attempts). */
    public long s3PutAttempts() {
        return s3PutAttempts.get();
    }

    public long s3PutSuccesses() {
        return s3PutSuccesses.get();
    }

    /** Arrival of the oldest record in the delivery stream not yet in S3 (DeliveryToS3.DataFreshness), or 0 when none. */
    public long oldestPendingMillis() {
        return oldestPendingMillis;
    }
}
