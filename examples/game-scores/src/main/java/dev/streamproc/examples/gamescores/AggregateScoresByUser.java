package dev.streamproc.examples.gamescores;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamproc.lambdakit.BatchItemFailures;
import dev.streamproc.lambdakit.Deadline;
import dev.streamproc.lambdakit.DynamoDbClients;
import dev.streamproc.lambdakit.Environment;
import dev.streamproc.lambdakit.Writers;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Part 2 of the lab: GameScoreRecords' stream (NEW_IMAGE) → {@code ADD Score} per user in
 * {@code TABLE_NAME} (GameScoresByUser), exactly once per stream record under at-least-once
 * delivery (see {@link ScoreTotals}); partial batch failures for what could not be added in time.
 */
public class AggregateScoresByUser implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(AggregateScoresByUser.class);

    private final ScoreAggregator aggregator;

    public AggregateScoresByUser() {
        this(DynamoDbClients.fromEnvironment(), Environment.required("TABLE_NAME"), Environment.required("APPLIED_TABLE_NAME"));
    }

    public AggregateScoresByUser(DynamoDbClient dynamo, String totalsTable, String appliedTable) {
        this.aggregator = new ScoreAggregator(
                new ScoreTotals(dynamo, totalsTable, appliedTable, Writers.defaultBackoff(), Clock.systemUTC()));
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            Deadline deadline = Deadline.fromRemainingInvocationTime(context.getRemainingTimeInMillis());
            AggregationReport report = aggregator.process(DynamodbEventChanges.of(event), deadline);
            for (String rejection : report.rejections()) {
                LOG.warn("record rejected: {}", rejection);
            }
            LOG.info(report.failedSequenceNumbers().isEmpty()
                            ? "Successfully processed " + report.records() + " records."
                            : "Processed " + report.records() + " records; " + report.failedSequenceNumbers().size() + " to retry.",
                    entry("added", report.added()),
                    entry("alreadyAdded", report.alreadyAdded()),
                    entry("skipped", report.skipped()),
                    entry("rejected", report.rejected()),
                    entry("retries", report.retries()),
                    entry("failedSequenceNumbers", report.failedSequenceNumbers()));
            publish(report);
            return BatchItemFailures.of(report.failedSequenceNumbers());
        });
    }

    private static void publish(AggregationReport report) {
        Metrics metrics = MetricsFactory.getMetricsInstance();
        if (System.getenv("POWERTOOLS_METRICS_NAMESPACE") == null) {
            metrics.setNamespace("StreamProcessingExamples");
        }
        metrics.addMetric("RecordsIn", report.records(), MetricUnit.COUNT);
        metrics.addMetric("ScoresAdded", report.added(), MetricUnit.COUNT);
        metrics.addMetric("ScoresAlreadyAdded", report.alreadyAdded(), MetricUnit.COUNT);
        metrics.addMetric("RecordsSkipped", report.skipped(), MetricUnit.COUNT);
        metrics.addMetric("RecordsRejected", report.rejected(), MetricUnit.COUNT);
        metrics.addMetric("RecordsFailed", report.failedSequenceNumbers().size(), MetricUnit.COUNT);
        metrics.flush();
    }
}
