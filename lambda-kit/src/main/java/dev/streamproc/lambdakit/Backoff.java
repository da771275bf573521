package dev.streamproc.lambdakit;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter (a uniformly random wait between zero and the
 * exponential ceiling), which spreads retries of parallel writers instead of having them
 * hit a throttled partition again in lockstep.
 */
public final class Backoff {

    private final long baseMillis;
    private final long capMillis;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration cap, DoubleSupplier random) {
        this.baseMillis = base.toMillis();
        this.capMillis = cap.toMillis();
        this.random = random;
    }

    /** The ceiling of the wait before retry number {@code attempt} (1 for the first retry). */
    public long ceilingMillis(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        return Math.min(capMillis, baseMillis << doublings);
    }

    /** A random wait in [0, ceiling] before retry number {@code attempt}. */
    public Duration delay(int attempt) {
        return Duration.ofMillis(Math.round(random.getAsDouble() * ceilingMillis(attempt)));
    }
}
