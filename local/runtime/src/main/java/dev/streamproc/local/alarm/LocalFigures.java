package dev.streamproc.local.alarm;

import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.firehose.FirehoseMetrics;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.lambda.LocalLambda;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local runtime's figures as the CloudWatch metrics AWS would publish for the same parts:
 * <ul>
 * <li>AWS/Lambda Invocations, Errors, Throttles, Duration per FunctionName: one datapoint per invocation of the local
 *     Lambda runtime (Throttles is 0: locally an invocation waits for a container at the concurrency limit);</li>
 * <li>AWS/Lambda IteratorAge per FunctionName of a stream mapping: the mapping's lag (the largest MillisBehindLatest of
 *     its shards), sampled;</li>
 * <li>AWS/SQS ApproximateNumberOfMessagesVisible / NotVisible per QueueName: the local SQS's queue attributes, sampled;</li>
 * <li>AWS/Firehose DeliveryToS3.DataFreshness (age of the oldest record not yet in S3) and DeliveryToS3.Success (1 per
 *     successful S3 put, 0 per failed one) per DeliveryStreamName;</li>
 * <li>any custom namespace: the embedded-metric-format lines the functions write to their logs.</li>
 * </ul>
 * Any other metric is not measured locally ({@link #notMeasured}).
 */
final class LocalFigures implements AutoCloseable {

    static final String LAMBDA = "AWS/Lambda";
    static final String SQS = "AWS/SQS";
    static final String FIREHOSE = "AWS/Firehose";
    static final Set<String> INVOCATION_METRICS = Set.of("Invocations", "Errors", "Throttles", "Duration");
    static final Set<String> QUEUE_METRICS = Set.of("ApproximateNumberOfMessagesVisible", "ApproximateNumberOfMessagesNotVisible");
    static final Set<String> FIREHOSE_METRICS = Set.of("DeliveryToS3.DataFreshness", "DeliveryToS3.Success");

    private final MetricStore store;
    private final LocalAlarms.Parts parts;
    private final Set<String> functionNames;
    private final Map<EventSourceMapping, String> mappingFunctions = new LinkedHashMap<>();
    private final Map<String, String> queueUrls = new LinkedHashMap<>();
    private final Map<String, long[]> s3Puts = new HashMap<>();
    private final LogFollower logs;

    private LocalFigures(MetricStore store, LocalAlarms.Parts parts, Set<String> functionNames, LogFollower logs) {
        this.store = store;
        this.parts = parts;
        this.functionNames = functionNames;
        this.logs = logs;
    }

    static LocalFigures start(Template template, LocalAlarms.Parts parts, MetricStore store, Path dataDir) {
        LocalLambda lambda = parts.lambda();
        Set<String> names = lambda == null ? Set.of() : Set.copyOf(lambda.functions().stream().map(FunctionSpec::functionName).toList());
        LocalFigures figures = new LocalFigures(store, parts, names, new LogFollower(dataDir.resolve("logs"),
                lambda == null ? Set.of() : Set.copyOf(lambda.functions().stream().map(f -> f.logicalId() + ".log").toList())));
        if (lambda != null) {
            lambda.onInvocation((logicalId, result) -> figures.invoked(lambda.function(logicalId).functionName(), result));
            for (EventSourceMapping mapping : parts.mappings()) {
                figures.mappingFunctions.put(mapping, lambda.function(mapping.settings().functionId()).functionName());
            }
        }
        for (Template.Resource queue : template.resourcesOfType("AWS::SQS::Queue")) {
            figures.queueUrls.put(template.physicalName(queue.logicalId()), null);
        }
        return figures;
    }

    private void invoked(String functionName, dev.streamproc.local.lambda.LambdaInvoker.InvocationResult result) {
        long now = System.currentTimeMillis();
        store.record(MetricId.of(LAMBDA, "Invocations", "FunctionName", functionName), now, 1, "Count");
        store.record(MetricId.of(LAMBDA, "Errors", "FunctionName", functionName), now, result.succeeded() ? 0 : 1, "Count");
        store.record(MetricId.of(LAMBDA, "Throttles", "FunctionName", functionName), now, 0, "Count");
        if (result.duration() != null) {
            store.record(MetricId.of(LAMBDA, "Duration", "FunctionName", functionName), now, result.duration().toNanos() / 1e6, "Milliseconds");
        }
    }

    /** Why no local part emits the metric, or null when one does. */
    String notMeasured(MetricId metric) {
        Map<String, String> dims = metric.dimensions();
        switch (metric.namespace()) {
            case LAMBDA -> {
                String function = dims.size() == 1 ? dims.get("FunctionName") : null;
                if (function == null) {
                    return "the local runtime measures AWS/Lambda metrics per FunctionName only, not " + dims.keySet();
                }
                if (!functionNames.contains(function)) {
                    return "no function named " + function + " runs locally";
                }
                if (INVOCATION_METRICS.contains(metric.name())) {
                    return null;
                }
                if (metric.name().equals("IteratorAge")) {
                    return mappingFunctions.containsValue(function) ? null : "no stream event source mapping invokes " + function;
                }
                return "no local part emits AWS/Lambda " + metric.name();
            }
            case SQS -> {
                String queue = dims.size() == 1 ? dims.get("QueueName") : null;
                if (queue == null || !queueUrls.containsKey(queue)) {
                    return "no local queue " + dims;
                }
                return QUEUE_METRICS.contains(metric.name()) ? null : "no local part emits AWS/SQS " + metric.name();
            }
            case FIREHOSE -> {
                String stream = dims.size() == 1 ? dims.get("DeliveryStreamName") : null;
                boolean known = stream != null && parts.deliveries().stream().anyMatch(d -> d.settings().name().equals(stream));
                if (!known) {
                    return "no local delivery stream " + dims;
                }
                return FIREHOSE_METRICS.contains(metric.name()) ? null : "no local part emits AWS/Firehose " + metric.name();
            }
            default -> {
                if (metric.namespace().startsWith("AWS/")) {
                    return "no local part emits " + metric.namespace() + " metrics";
                }
                return null; // a custom namespace: whatever the functions write as EMF
            }
        }
    }

    /** Samples the gauges and reads the new EMF lines (the counters are recorded as invocations happen). */
    void sample(long now) {
        mappingFunctions.forEach((mapping, function) ->
                store.record(MetricId.of(LAMBDA, "IteratorAge", "FunctionName", function), now, mapping.metrics().millisBehind(), "Milliseconds"));
        if (parts.sqs() != null) {
            queueUrls.replaceAll((name, url) -> sampleQueue(name, url, now));
        }
        for (FirehoseDelivery delivery : parts.deliveries()) {
            String name = delivery.settings().name();
            FirehoseMetrics m = delivery.liveMetrics();
            long oldest = m.oldestPendingMillis();
            store.record(MetricId.of(FIREHOSE, "DeliveryToS3.DataFreshness", "DeliveryStreamName", name), now,
                    oldest == 0 ? 0 : Math.max(0, now - oldest) / 1000.0, "Seconds");
            long attempts = m.s3PutAttempts();
            long successes = m.s3PutSuccesses();
            long[] before = s3Puts.getOrDefault(name, new long[2]);
            MetricId success = MetricId.of(FIREHOSE, "DeliveryToS3.Success", "DeliveryStreamName", name);
            store.record(success, now, 1, successes - before[1], "Count");
            store.record(success, now, 0, (attempts - before[0]) - (successes - before[1]), "Count");
            s3Puts.put(name, new long[] {attempts, successes});
        }
        for (String line : logs.newLines()) {
            for (EmfLine.Sample s : EmfLine.parse(line)) {
                store.record(s.metric(), s.epochMillis(), s.value(), s.unit());
            }
        }
    }

    private String sampleQueue(String name, String url, long now) {
        try {
            String queueUrl = url != null ? url : parts.sqs().getQueueUrl(r -> r.queueName(name)).queueUrl();
            Map<QueueAttributeName, String> attributes = parts.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            store.record(MetricId.of(SQS, "ApproximateNumberOfMessagesVisible", "QueueName", name), now,
                    Double.parseDouble(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)), "Count");
            store.record(MetricId.of(SQS, "ApproximateNumberOfMessagesNotVisible", "QueueName", name), now,
                    Double.parseDouble(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)), "Count");
            return queueUrl;
        } catch (RuntimeException e) {
            return url; // the queue server busy or restarting: no datapoint this time (missing, as in CloudWatch)
        }
    }

    @Override
    public void close() {
        // the invocation listener stays registered with the (stopping) runtime; nothing else holds resources
    }
}
