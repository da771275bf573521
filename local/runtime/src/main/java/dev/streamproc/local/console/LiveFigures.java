package dev.streamproc.local.console;

import dev.streamproc.local.esm.EsmMetrics;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.firehose.FirehoseMetrics;
import dev.streamproc.local.lambda.FunctionSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The figures of the overview and the Monitoring charts: once a second it samples the runtime's counters (functions,
 * mappings, deliveries) and, every other second, each table's item count and each queue's depth; it keeps the last
 * ten minutes of each series. It starts on the first request, so an unused console costs nothing.
 */
public final class LiveFigures implements AutoCloseable {

    static final int KEEP = 600;
    static final Duration PERIOD = Duration.ofSeconds(1);
    /** Rates are averaged over this many samples. */
    static final int RATE_WINDOW = 5;

    /** One value of a series at a time (epoch millis). */
    public record Point(long t, double v) {
    }

    private final ConsoleSources sources;
    private final InvocationStats invocations;
    private final Function<String, Long> itemCount;
    private final Function<String, Long> queueDepth;
    private final Map<String, Deque<Point>> series = new LinkedHashMap<>();
    private final Map<String, Deque<Point>> totals = new HashMap<>();
    private ScheduledExecutorService sampler;
    private long ticks;

    /**
     * @param itemCount  a table's item count by name (DescribeTable)
     * @param queueDepth a queue's visible messages by ARN
     */
    public LiveFigures(ConsoleSources sources, InvocationStats invocations, Function<String, Long> itemCount, Function<String, Long> queueDepth) {
        this.sources = sources;
        this.invocations = invocations;
        this.itemCount = itemCount;
        this.queueDepth = queueDepth;
    }

    /** Starts sampling if it has not started yet (takes the first sample now). */
    public synchronized void ensureStarted() {
        if (sampler == null) {
            sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "console-figures");
                t.setDaemon(true);
                return t;
            });
            sample();
            sampler.scheduleAtFixedRate(this::sampleQuietly, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            // a server busy or gone for a moment: the next sample tries again
        }
    }

    /** One sample of every counter (public for tests, which step it by hand). */
    public synchronized void sample() {
        long now = System.currentTimeMillis();
        if (sources.lambda() != null) {
            Map<String, List<Duration>> coldStarts = sources.lambda().coldStarts();
            for (FunctionSpec f : sources.lambda().functions()) {
                String id = f.logicalId();
                InvocationStats.Sample s = invocations.drain(id);
                rate(now, "function." + id + ".invocations", s.invocations());
                put(now, "function." + id + ".errors", s.errors());
                put(now, "function." + id + ".invocationsTotal", s.invocations());
                put(now, "function." + id + ".coldStarts", coldStarts.getOrDefault(id, List.of()).size());
                if (!s.durationsMs().isEmpty()) {
                    put(now, "function." + id + ".p50", InvocationStats.percentile(s.durationsMs(), 50));
                    put(now, "function." + id + ".p99", InvocationStats.percentile(s.durationsMs(), 99));
                }
            }
        }
        for (int i = 0; i < sources.mappings().size(); i++) {
            EventSourceMapping mapping = sources.mappings().get(i);
            EsmMetrics.Snapshot m = mapping.metrics();
            String key = "mapping." + i;
            rate(now, key + ".recordsRead", m.recordsRead());
            rate(now, key + ".recordsDelivered", m.recordsDelivered());
            put(now, key + ".iteratorAgeMs", m.millisBehind());
            put(now, key + ".recordsBehind", m.recordsBehind());
            put(now, key + ".retries", m.retries());
            put(now, key + ".onFailure", m.recordsSentToOnFailure());
            put(now, key + ".discarded", m.recordsDiscarded());
            // the mapping's errors feed the function's iterator-age chart
            put(now, "function." + mapping.settings().functionId() + ".iteratorAgeMs", m.millisBehind());
        }
        for (FirehoseDelivery delivery : sources.deliveries()) {
            FirehoseMetrics.Snapshot f = delivery.metrics();
            String key = "firehose." + delivery.settings().name();
            rate(now, key + ".recordsIn", f.kinesisRecordsIn());
            rate(now, key + ".delivered", f.okRecords());
            put(now, key + ".deliveredTotal", f.okRecords());
            put(now, key + ".buffered", f.inFlight());
            put(now, key + ".failed", f.processingFailed());
            put(now, key + ".dropped", f.droppedRecords());
            put(now, key + ".objects", f.objectsWritten());
        }
        if (ticks++ % 2 == 0) {
            for (String table : sources.physicalNames("AWS::DynamoDB::Table")) {
                sampleRemote(now, "table." + table + ".items", () -> itemCount.apply(table));
            }
            for (var queue : sources.template().resourcesOfType("AWS::SQS::Queue")) {
                String arn = sources.template().arn(queue.logicalId());
                sampleRemote(now, "queue." + sources.template().physicalName(queue.logicalId()) + ".depth", () -> queueDepth.apply(arn));
            }
        }
    }

    private void sampleRemote(long now, String key, java.util.function.Supplier<Long> value) {
        try {
            put(now, key, value.get());
        } catch (RuntimeException e) {
            // keep the last value; the server answers again on the next sample
        }
    }

    /** Records the per-second rate of a counter over the last {@link #RATE_WINDOW} samples (bursts read smoothly). */
    private void rate(long now, String key, double total) {
        Deque<Point> totals = this.totals.computeIfAbsent(key, k -> new ArrayDeque<>());
        totals.addLast(new Point(now, total));
        while (totals.size() > RATE_WINDOW + 1) {
            totals.removeFirst();
        }
        Point oldest = totals.peekFirst();
        double seconds = (now - oldest.t()) / 1000.0;
        put(now, key, seconds <= 0 ? 0 : Math.max(0, total - oldest.v()) / seconds);
    }

    private void put(long now, String key, double value) {
        Deque<Point> points = series.computeIfAbsent(key, k -> new ArrayDeque<>());
        points.addLast(new Point(now, value));
        while (points.size() > KEEP) {
            points.removeFirst();
        }
    }

    /** The latest value of a series, or null when it has none yet. */
    public synchronized Double latest(String key) {
        Deque<Point> points = series.get(key);
        return points == null || points.isEmpty() ? null : points.peekLast().v();
    }

    /** The points of a series since a time (epoch millis). */
    public synchronized List<Point> since(String key, long sinceMillis) {
        Deque<Point> points = series.get(key);
        if (points == null) {
            return List.of();
        }
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            if (p.t() >= sinceMillis) {
                out.add(p);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }
}
