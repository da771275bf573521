package dev.streamproc.local.demo;

import java.util.List;

/** Nearest-rank percentiles of a list of millisecond values. */
public record Percentiles(long count, long p50, long p99, long max) {

    public static Percentiles of(List<Long> millis) {
        if (millis.isEmpty()) {
            return new Percentiles(0, 0, 0, 0);
        }
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
