package dev.streamproc.local.alarm;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of one metric in one time span, as CloudWatch keeps them: sample count, sum, minimum, maximum, and (for
 * percentiles) the values themselves, up to {@link #KEEP_VALUES}.
 */
public final class PeriodStats {

    static final int KEEP_VALUES = 10_000;

    private double sampleCount;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final List<Double> values = new ArrayList<>();

    /** {@code count} samples of one value (e.g. 3 successful S3 puts: value 1, count 3). */
    public void add(double value, long count) {
        sampleCount += count;
        sum += value * count;
        min = Math.min(min, value);
        max = Math.max(max, value);
        for (long i = 0; i < count && values.size() < KEEP_VALUES; i++) {
            values.add(value);
        }
    }

    public void merge(PeriodStats other) {
        sampleCount += other.sampleCount;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        for (double v : other.values) {
            if (values.size() >= KEEP_VALUES) {
                break;
            }
            values.add(v);
        }
    }

    public double sampleCount() {
        return sampleCount;
    }

    public double sum() {
        return sum;
    }

    public double minimum() {
        return min;
    }

    public double maximum() {
        return max;
    }

    public double average() {
        return sum / sampleCount;
    }

    /** The p-th percentile (0–100), nearest rank. */
    public double percentile(double p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
