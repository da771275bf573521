package dev.streamproc.lambdakit;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The point in time after which the invocation stops trying to write: what Lambda gives us
 * minus a safety margin, so the response (with its partial failures) is always returned
 * before the function times out.
 */
public final class Deadline {

    /** Leave at most this much of the invocation for logging, metrics and the response. */
    static final long MAX_SAFETY_MARGIN_MILLIS = 1_000;

    private final long endNanos;
    private final LongSupplier nanoClock;

    private Deadline(long endNanos, LongSupplier nanoClock) {
        this.endNanos = endNanos;
        this.nanoClock = nanoClock;
    }

    /** A deadline from {@code context.getRemainingTimeInMillis()}; short invocations keep a quarter as margin. */
    public static Deadline fromRemainingInvocationTime(long remainingMillis) {
        long margin = Math.min(MAX_SAFETY_MARGIN_MILLIS, remainingMillis / 4);
        return after(Duration.ofMillis(Math.max(0, remainingMillis - margin)));
    }

    public static Deadline after(Duration budget) {
        return after(budget, System::nanoTime);
    }

    public static Deadline after(Duration budget, LongSupplier nanoClock) {
        return new Deadline(nanoClock.getAsLong() + budget.toNanos(), nanoClock);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - nanoClock.getAsLong()));
    }

    public boolean expired() {
        return remaining().isZero();
    }
}
