package dev.streamproc.local.esm;

import java.time.Duration;
import java.time.Instant;

/**
 * One tumbling window of a mapping with {@code TumblingWindowInSeconds}: {@code [start, end)}, aligned to multiples of
 * its size since the epoch. Lambda places a record by the time it was inserted into the stream (its approximate
 * arrival), not by when it is read (Lambda developer guide, "Time windows": "Lambda determines tumbling window
 * boundaries based on the time when records were inserted into the stream").
 */
public record TumblingWindow(Instant start, Instant end) {

    /** AWS allows 0 (no window) to 900 seconds. */
    public static final int MAX_SECONDS = 900;

    public TumblingWindow {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a window ends after it starts: " + start + " .. " + end);
        }
    }

    /** The window of {@code size} that holds {@code arrival}. */
    public static TumblingWindow of(Instant arrival, Duration size) {
        long sizeMillis = size.toMillis();
        if (sizeMillis <= 0) {
            throw new IllegalArgumentException("a tumbling window has a positive size, was " + size);
        }
        long start = Math.floorDiv(arrival.toEpochMilli(), sizeMillis) * sizeMillis;
        return new TumblingWindow(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + sizeMillis));
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** Checks a configured {@code TumblingWindowInSeconds}; 0 means no window. */
    public static int checkSeconds(int seconds) {
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("TumblingWindowInSeconds must be 0.." + MAX_SECONDS + ", was " + seconds);
        }
        return seconds;
    }
}
