package dev.streamproc.consumer;

import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/** Publishes one invocation's counts as CloudWatch metrics (EMF via Powertools). */
final class ConsumerMetrics {

    private ConsumerMetrics() {
    }

    static void publish(Metrics metrics, BatchSummary summary) {
        metrics.addMetric("RecordsIn", summary.records(), MetricUnit.COUNT);
        metrics.addMetric("UserRecords", summary.userRecords(), MetricUnit.COUNT);
        metrics.addMetric("ItemsWritten", summary.itemsWritten(), MetricUnit.COUNT);
        metrics.addMetric("RecordsSkipped", summary.skipped(), MetricUnit.COUNT);
        metrics.addMetric("RecordsRejected", summary.rejected(), MetricUnit.COUNT);
        metrics.addMetric("WriteRetries", summary.writeRetries(), MetricUnit.COUNT);
        metrics.addMetric("RecordsFailed", summary.failedSequenceNumbers().size(), MetricUnit.COUNT);
        metrics.flush();
    }
}
