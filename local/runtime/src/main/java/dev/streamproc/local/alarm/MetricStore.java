package dev.streamproc.local.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The datapoints the local runtime measured, per metric, in 10-second buckets (the finest alarm period) for as long as
 * the longest alarm looks back. Thread-safe: sources record from their own threads.
 */
public final class MetricStore {

    static final long BUCKET_MILLIS = 10_000;

    private final Map<MetricId, NavigableMap<Long, PeriodStats>> metrics = new ConcurrentHashMap<>();
    private final Map<MetricId, String> units = new ConcurrentHashMap<>();
    private final long keepMillis;

    /** @param keepMillis how far back datapoints are kept */
    public MetricStore(long keepMillis) {
        this.keepMillis = keepMillis;
    }

    /** One sample at a time (epoch millis). */
    public void record(MetricId metric, long epochMillis, double value, String unit) {
        record(metric, epochMillis, value, 1, unit);
    }

    /** {@code count} samples of one value. */
    public void record(MetricId metric, long epochMillis, double value, long count, String unit) {
        if (count <= 0 || Double.isNaN(value)) {
            return;
        }
        units.putIfAbsent(metric, unit == null ? "" : unit);
        NavigableMap<Long, PeriodStats> buckets = metrics.computeIfAbsent(metric, k -> new TreeMap<>());
        synchronized (buckets) {
            buckets.computeIfAbsent(Math.floorDiv(epochMillis, BUCKET_MILLIS) * BUCKET_MILLIS, k -> new PeriodStats()).add(value, count);
            buckets.headMap(epochMillis - keepMillis).clear();
        }
    }

    public String unit(MetricId metric) {
        return units.getOrDefault(metric, "");
    }

    /** Whether the period starting at {@code periodStart} has a datapoint. */
    public boolean has(MetricId metric, long periodStart, int periodSeconds) {
        return stats(metric, periodStart, periodSeconds) != null;
    }

    /** The statistic of each of {@code count} periods ending with the one starting at {@code lastPeriodStart}, oldest first (null: missing). */
    public List<Double> range(MetricId metric, Statistic statistic, long lastPeriodStart, int periodSeconds, int count) {
        List<Double> values = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            PeriodStats stats = stats(metric, lastPeriodStart - i * periodSeconds * 1000L, periodSeconds);
            values.add(stats == null ? null : statistic.of(stats));
        }
        return values;
    }

    private PeriodStats stats(MetricId metric, long periodStart, int periodSeconds) {
        NavigableMap<Long, PeriodStats> buckets = metrics.get(metric);
        if (buckets == null) {
            return null;
        }
        synchronized (buckets) {
            PeriodStats merged = null;
            for (PeriodStats bucket : buckets.subMap(periodStart, true, periodStart + periodSeconds * 1000L, false).values()) {
                if (merged == null) {
                    merged = new PeriodStats();
                }
                merged.merge(bucket);
            }
            return merged;
        }
    }
}
