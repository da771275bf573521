package dev.streamproc.local.esm;

import java.time.Duration;

/**
 * The pause before each retry of a failed batch: doubling from {@code initial}, capped at twelve times it. With
 * AWS's defaults (1 s → 12 s) a batch that always fails is invoked 8 times in its first minute, which is what
 * AWS recorded (LocalStack snapshot {@code test_kinesis_maximum_record_age_exceeded[expire-while-retrying]}:
 * {@code approximateInvokeCount} 8 for a record that expired after 60 s of retries); a fixed short pause made
 * ~120. Tests shorten {@code initial} and keep the shape.
 */
public record RetryBackoff(Duration initial, Duration max) {

    public static final Duration AWS_INITIAL = Duration.ofSeconds(1);

    public RetryBackoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, was " + initial + ", " + max);
        }
    }

    /** Doubling from {@code initial} up to twelve times it. */
    public static RetryBackoff from(Duration initial) {
        return new RetryBackoff(initial, initial.multipliedBy(12));
    }

    /** The pause before retry number {@code retry} (1 for the first retry). */
    public Duration before(int retry) {
        if (retry < 1 || initial.isZero()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(retry - 1, 30);
        long millis = initial.toMillis() << doublings;
        return millis >= max.toMillis() || millis < 0 ? max : Duration.ofMillis(millis);
    }
}
