package dev.streamproc.local.stream;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try a failing shard read again, and what to say about it. A server that stopped answering would
 * otherwise be asked (and logged about) twice a second for as long as it is down: the waits double from
 * {@link #FIRST_WAIT} up to {@link #LONGEST_WAIT}, the first failure is one line, then one "still failing" line a
 * minute at most, and one line when reading resumes. Plain logic on a nanosecond clock, so it is tested without
 * waiting.
 */
final class ReadRetry {

    static final Duration FIRST_WAIT = Duration.ofMillis(500);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(8);
    static final Duration REMINDER_EVERY = Duration.ofMinutes(1);

    private int failures;
    private long firstFailureAt;
    private long nextTryAt;
    private long lastLineAt;

    /** Whether a call may go to the server now (always, unless it has been failing and the wait is not over). */
    boolean mayTry(long now) {
        return failures == 0 || now - nextTryAt >= 0;
    }

    /** Records a failed call; returns the line to log, if this one deserves a line. */
    Optional<String> failed(long now, String what, String reason) {
        failures++;
        long wait = Math.min(LONGEST_WAIT.toNanos(), FIRST_WAIT.toNanos() << Math.min(failures - 1, 20));
        nextTryAt = now + wait;
        if (failures == 1) {
            firstFailureAt = now;
            lastLineAt = now;
            return Optional.of(what + " failed: " + reason + "; retrying with waits up to " + LONGEST_WAIT.toSeconds() + " s");
        }
        if (now - lastLineAt >= REMINDER_EVERY.toNanos()) {
            lastLineAt = now;
            return Optional.of(what + " still failing after " + failures + " attempts over " + seconds(now - firstFailureAt) + " s: " + reason);
        }
        return Optional.empty();
    }

    /** Records a successful call; returns the line to log when it ends a run of failures. */
    Optional<String> succeeded(long now, String what) {
        if (failures == 0) {
            return Optional.empty();
        }
        String line = what + " works again after " + failures + " failed attempts over " + seconds(now - firstFailureAt) + " s";
        failures = 0;
        return Optional.of(line);
    }

    int failures() {
        return failures;
    }

    private static long seconds(long nanos) {
        return Math.round(nanos / 1e9);
    }
}
