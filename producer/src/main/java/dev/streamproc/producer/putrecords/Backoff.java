package dev.streamproc.producer.putrecords;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with full jitter between PutRecords retries of failed entries. */
record Backoff(Duration base, Duration cap, DoubleSupplier random) {

    /** The pause before retry number {@code retry} (1 for the first retry). */
    Duration before(int retry) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, retry - 1));
        return Duration.ofMillis((long) (ceiling * random.getAsDouble()));
    }
}
