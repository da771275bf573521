package dev.streamproc.lambdakit.testing;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * A Powertools metrics provider that remembers what the handler flushed, so tests can read
 * the counts the function publishes (installed through Powertools' own provider hook).
 */
public final class RecordingMetrics implements Metrics {

    private final Map<String, Double> pending = new HashMap<>();
    private volatile Map<String, Double> lastFlushed = Map.of();

    public static RecordingMetrics install() {
        RecordingMetrics metrics = new RecordingMetrics();
        MetricsFactory.setMetricsProvider(() -> metrics);
        return metrics;
    }

    /** The value of a metric in the last flush. */
    public long flushed(String name) {
        Double value = lastFlushed.get(name);
        if (value == null) {
            throw new AssertionError("metric " + name + " was not flushed; flushed: " + lastFlushed);
        }
        return value.longValue();
    }

    @Override
    public synchronized void addMetric(String key, double value, MetricUnit unit, MetricResolution resolution) {
        pending.merge(key, value, Double::sum);
    }

    @Override
    public synchronized void flush() {
        lastFlushed = Map.copyOf(pending);
        pending.clear();
    }

    @Override
    public void addDimension(DimensionSet dimensionSet) {
    }

    @Override
    public void setTimestamp(Instant timestamp) {
    }

    @Override
    public void addMetadata(String key, Object value) {
    }

    @Override
    public void setDefaultDimensions(DimensionSet dimensionSet) {
    }

    @Override
    public DimensionSet getDefaultDimensions() {
        return DimensionSet.of(Map.of());
    }

    @Override
    public void setNamespace(String namespace) {
    }

    @Override
    public void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
    }

    @Override
    public void clearDefaultDimensions() {
    }

    @Override
    public void captureColdStartMetric(Context context, DimensionSet dimensions) {
    }

    @Override
    public void captureColdStartMetric(DimensionSet dimensions) {
    }

    @Override
    public void flushMetrics(Consumer<Metrics> metricsConsumer) {
    }
}
