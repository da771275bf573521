package dev.streamproc.local.alarm;

import dev.streamproc.local.cloud.template.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The template's CloudWatch alarms, evaluated by the local runtime on its own figures: every few seconds the sources
 * add what they measured to the {@link MetricStore}, each alarm is evaluated as CloudWatch does ({@link AlarmEvaluator}),
 * and the {@link AlarmReport} is written for {@code streamproc status}. An alarm whose metric no local part measures is
 * INSUFFICIENT_DATA and says so; no value is ever made up.
 */
public final class LocalAlarms implements AutoCloseable {

    public static final Duration INTERVAL = Duration.ofSeconds(5);

    /** The runtime parts the figures come from; the lambda and sqs may be null, the lists empty. */
    public record Parts(dev.streamproc.local.lambda.LocalLambda lambda, List<dev.streamproc.local.esm.EventSourceMapping> mappings,
                        List<dev.streamproc.local.firehose.FirehoseDelivery> deliveries, software.amazon.awssdk.services.sqs.SqsClient sqs) {
    }

    private final List<AlarmDefinition> alarms;
    private final MetricStore store;
    private final LocalFigures figures;
    private final Path dataDir;
    private final Clock clock;
    private final Map<String, AlarmReport.Alarm> last = new LinkedHashMap<>();
    private ScheduledExecutorService timer;

    LocalAlarms(List<AlarmDefinition> alarms, MetricStore store, LocalFigures figures, Path dataDir, Clock clock) {
        this.alarms = alarms;
        this.store = store;
        this.figures = figures;
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /** The alarms of the template over the runtime's figures; evaluates now and then every {@link #INTERVAL}. */
    public static LocalAlarms start(Template template, LocalAlarms.Parts parts, Path dataDir) {
        List<AlarmDefinition> alarms = AlarmDefinition.of(template);
        long keep = alarms.stream().filter(a -> a.unsupported() == null)
                .mapToLong(a -> (long) a.periodSeconds() * (a.evaluationRange() + 1) * 1000L).max().orElse(0);
        MetricStore store = new MetricStore(Math.max(keep, Duration.ofMinutes(10).toMillis()));
        LocalAlarms local = new LocalAlarms(alarms, store, LocalFigures.start(template, parts, store, dataDir), dataDir, Clock.systemUTC());
        local.evaluateQuietly();
        local.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-alarms");
            t.setDaemon(true);
            return t;
        });
        local.timer.scheduleWithFixedDelay(local::evaluateQuietly, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return local;
    }

    private void evaluateQuietly() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            // a server busy for a moment, a full disk: the next round tries again
        }
    }

    /** Samples the figures, evaluates every alarm and writes the report (public for tests, which step it). */
    public synchronized AlarmReport evaluate() {
        figures.sample(clock.millis());
        long now = clock.millis();
        List<AlarmReport.Alarm> evaluated = new ArrayList<>();
        for (AlarmDefinition alarm : alarms) {
            AlarmReport.Alarm previous = last.get(alarm.name());
            AlarmState before = previous == null ? AlarmState.INSUFFICIENT_DATA : previous.state();
            AlarmReport.Alarm result = evaluate(alarm, now, before);
            if (previous != null && previous.state() == result.state()) {
                result = new AlarmReport.Alarm(result.name(), result.state(), result.reason(), previous.stateSince(), result.namespace(),
                        result.metric(), result.dimensions(), result.periodSeconds(), result.datapoints());
            }
            last.put(alarm.name(), result);
            evaluated.add(result);
        }
        AlarmReport report = new AlarmReport(now, INTERVAL.toMillis(), evaluated);
        if (Files.isDirectory(dataDir)) {
            report.write(dataDir);
        }
        return report;
    }

    private AlarmReport.Alarm evaluate(AlarmDefinition alarm, long now, AlarmState before) {
        if (alarm.unsupported() != null) {
            return new AlarmReport.Alarm(alarm.name(), AlarmState.INSUFFICIENT_DATA, alarm.unsupported(), now, null, null, Map.of(), 0, List.of());
        }
        MetricId metric = alarm.metric();
        String notMeasured = figures.notMeasured(metric);
        if (notMeasured != null) {
            return new AlarmReport.Alarm(alarm.name(), AlarmState.INSUFFICIENT_DATA, "not measured locally: " + notMeasured, now,
                    metric.namespace(), metric.name(), metric.dimensions(), alarm.periodSeconds(), List.of());
        }
        long periodMillis = alarm.periodSeconds() * 1000L;
        long current = Math.floorDiv(now, periodMillis) * periodMillis;
        // The period in progress counts once it has a datapoint, so an alarm answers within seconds rather than at the
        // period's end; until then the range ends with the last complete period.
        long lastPeriod = store.has(metric, current, alarm.periodSeconds()) ? current : current - periodMillis;
        List<Double> range = store.range(metric, alarm.statistic(), lastPeriod, alarm.periodSeconds(), alarm.evaluationRange());
        AlarmEvaluator.Evaluation evaluation = AlarmEvaluator.evaluate(alarm, range, before, unit(store.unit(metric)));
        List<AlarmReport.Datapoint> datapoints = new ArrayList<>();
        for (int i = 0; i < range.size(); i++) {
            datapoints.add(new AlarmReport.Datapoint(lastPeriod - (range.size() - 1 - i) * periodMillis, range.get(i)));
        }
        return new AlarmReport.Alarm(alarm.name(), evaluation.state(), evaluation.reason(), now, metric.namespace(), metric.name(),
                metric.dimensions(), alarm.periodSeconds(), datapoints);
    }

    /** CloudWatch's unit names as written after a value. */
    static String unit(String cloudWatchUnit) {
        return switch (cloudWatchUnit) {
            case "Milliseconds" -> "ms";
            case "Seconds" -> "s";
            case "Microseconds" -> "µs";
            case "Bytes" -> "bytes";
            case "Percent" -> "%";
            default -> "";
        };
    }

    public List<AlarmDefinition> alarms() {
        return alarms;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        figures.close();
        try {
            Files.deleteIfExists(AlarmReport.file(dataDir));
        } catch (java.io.IOException e) {
            // status then reads a report whose age says the runtime stopped
        }
    }
}
