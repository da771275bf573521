package dev.streamproc.lambdakit;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * A Kinesis-triggered function that stores each record as one DynamoDB item: Powertools JSON
 * logs (every rejected record with its escaped head), EMF metrics, and partial batch failures
 * (the event source mapping must have {@code ReportBatchItemFailures}). Subclasses only name
 * their {@link TableMapping}.
 */
public abstract class KinesisToTableHandler<K, T> implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    /** Parallel BatchWriteItem calls: I/O bound, so a few threads beat the one vCPU count. */
    public static final int WRITER_THREADS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(KinesisToTableHandler.class);

    private final KinesisToTable<K, T> core;

    /** Lambda builds one handler per container, so the client and its connections are reused. */
    protected KinesisToTableHandler(DynamoDbClient dynamo, String tableName, TableMapping<K, T> mapping) {
        BatchWriter<K> writer = new BatchWriter<>(dynamo, tableName,
                Writers.daemonPool(WRITER_THREADS, "batch-writer"), Writers.defaultBackoff(), mapping::keyOfItem);
        this.core = new KinesisToTable<>(mapping, writer);
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            Deadline deadline = Deadline.fromRemainingInvocationTime(context.getRemainingTimeInMillis());
            BatchReport report = core.process(KinesisRecords.of(event), deadline);
            log(report);
            publish(report);
            return BatchItemFailures.of(report.failedSequenceNumbers());
        });
    }

    private static void log(BatchReport report) {
        for (Rejection rejection : report.rejections()) {
            LOG.warn("record rejected",
                    entry("shardId", rejection.shardId()),
                    entry("sequenceNumber", rejection.sequenceNumber()),
                    entry("reason", rejection.reason()),
                    entry("head", rejection.head()));
        }
        LOG.info("batch processed",
                entry("records", report.records()),
                entry("itemsWritten", report.itemsWritten()),
                entry("rejected", report.rejected()),
                entry("collapsedDuplicates", report.collapsedDuplicates()),
                entry("writeRetries", report.writeRetries()),
                entry("failedSequenceNumbers", report.failedSequenceNumbers()));
    }

    private static void publish(BatchReport report) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        if (System.getenv("POWERTOOLS_METRICS_NAMESPACE") == null) {
            metrics.setNamespace("StreamProcessingExamples"); // the template names its own
        }
        metrics.addMetric("RecordsIn", report.records(), MetricUnit.COUNT);
        metrics.addMetric("ItemsWritten", report.itemsWritten(), MetricUnit.COUNT);
        metrics.addMetric("RecordsRejected", report.rejected(), MetricUnit.COUNT);
        metrics.addMetric("CollapsedDuplicates", report.collapsedDuplicates(), MetricUnit.COUNT);
        metrics.addMetric("WriteRetries", report.writeRetries(), MetricUnit.COUNT);
        metrics.addMetric("RecordsFailed", report.failedSequenceNumbers().size(), MetricUnit.COUNT);
        metrics.flush();
    }
}
