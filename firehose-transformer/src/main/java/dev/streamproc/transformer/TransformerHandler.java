package dev.streamproc.transformer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import dev.streamproc.model.VisibleText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

import java.util.List;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

/** Firehose data transformation: stream records in, Athena rows out (the rules are in {@link FirehoseTransformation}). */
public class TransformerHandler
        implements RequestHandler<KinesisFirehoseEvent, KinesisAnalyticsInputPreprocessingResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(TransformerHandler.class);

    private final FirehoseTransformation transformation = new FirehoseTransformation();
    private final Metrics metrics;
    /** Held here: the SnapStart hook must live as long as the handler. */
    private final SnapStartPriming priming = SnapStartPriming.register(transformation);

    public TransformerHandler() {
        this(MetricsFactory.getMetricsInstance());
    }

    TransformerHandler(Metrics metrics) {
        this.metrics = metrics; // namespace: POWERTOOLS_METRICS_NAMESPACE from template.yaml's Globals
    }

    SnapStartPriming priming() {
        return priming;
    }

    @Override
    public KinesisAnalyticsInputPreprocessingResponse handleRequest(KinesisFirehoseEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            try {
                List<SourceRecord> sources = FirehoseEventMapping.toSources(event);
                TransformedBatch batch = transformation.transform(sources);
                report(event, batch);
                return FirehoseEventMapping.toResponse(batch);
            } finally {
                metrics.flush();
            }
        });
    }

    private void report(KinesisFirehoseEvent event, TransformedBatch batch) {
        for (TransformedRecord record : batch.records()) {
            if (record.result() == Result.ProcessingFailed) {
                LOG.warn("record sent to processing-failed", entry("recordId", record.recordId()),
                        entry("reason", record.failureReason()), entry("firstBytes", preview(record.data())));
            }
        }
        metrics.addMetric("RecordsIn", batch.records().size(), MetricUnit.COUNT);
        metrics.addMetric("RecordsOk", batch.count(Result.Ok), MetricUnit.COUNT);
        metrics.addMetric("RecordsDropped", batch.count(Result.Dropped), MetricUnit.COUNT);
        metrics.addMetric("RecordsProcessingFailed", batch.count(Result.ProcessingFailed), MetricUnit.COUNT);
        metrics.addMetric("RowsWritten", batch.rows(), MetricUnit.COUNT);
        metrics.addMetric("NoticesSkipped", batch.notices(), MetricUnit.COUNT);
        LOG.info("batch transformed", entry("invocationId", event.getInvocationId()),
                entry("records", batch.records().size()), entry("ok", batch.count(Result.Ok)),
                entry("dropped", batch.count(Result.Dropped)),
                entry("processingFailed", batch.count(Result.ProcessingFailed)),
                entry("rows", batch.rows()), entry("responseBytes", batch.estimatedResponseBytes()));
    }

    /**
     * The start of a failed record, enough to recognise it in the logs (its whole bytes go to processing-failed),
     * with control characters escaped: record bytes must not break the log line or the terminal showing it.
     */
    static String preview(byte[] data) {
        return VisibleText.head(data, 80);
    }
}
