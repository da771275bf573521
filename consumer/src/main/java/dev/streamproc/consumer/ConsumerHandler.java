package dev.streamproc.consumer;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.streamproc.lambdakit.Backoff;
import dev.streamproc.lambdakit.Deadline;
import dev.streamproc.lambdakit.DynamoDbClients;
import dev.streamproc.lambdakit.KinesisRecords;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.MetricsFactory;

/**
 * Kinesis → EventData. De-aggregates, parses and maps every record, writes the items with
 * BatchWriteItem and reports the records whose items could not be written as partial batch
 * failures (the event source mapping must have {@code ReportBatchItemFailures} on).
 */
public class ConsumerHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    /** Parallel BatchWriteItem calls: I/O bound, so a few threads beat the one vCPU count. */
    static final int WRITER_THREADS = 4;

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerHandler.class);

    private final EventDataProcessor processor;
    /** Held here: the SnapStart hook must live as long as the handler. */
    private final SnapStartPriming priming;

    /** Lambda builds one handler per container, so the client and its connections are reused. */
    public ConsumerHandler() {
        this(DynamoDbClients.fromEnvironment(), requiredEnvironment("TABLE_NAME"));
    }

    public ConsumerHandler(DynamoDbClient dynamo, String tableName) {
        ExecutorService writers = Executors.newFixedThreadPool(WRITER_THREADS, task -> {
            Thread thread = new Thread(task, "batch-writer");
            thread.setDaemon(true);
            return thread;
        });
        // SecureRandom: the template turns SnapStart on, and Lambda reseeds SecureRandom after a
        // restore, while other generators would give every restored container the same jitter.
        SecureRandom jitter = new SecureRandom();
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), jitter::nextDouble);
        this.processor = new EventDataProcessor(new FailurePolicy(),
                new BatchWriter(dynamo, tableName, writers, backoff));
        this.priming = SnapStartPriming.register(tableName);
    }

    SnapStartPriming priming() {
        return priming;
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            Deadline deadline = Deadline.fromRemainingInvocationTime(context.getRemainingTimeInMillis());
            BatchSummary summary = processor.process(KinesisRecords.of(event), deadline);
            log(summary);
            publish(summary);
            return failuresResponse(summary.failedSequenceNumbers());
        });
    }

    private static void log(BatchSummary summary) {
        for (Rejection rejection : summary.rejections()) {
            LOG.warn("user record rejected",
                    entry("shardId", rejection.shardId()),
                    entry("sequenceNumber", rejection.sequenceNumber()),
                    entry("subSequenceNumber", rejection.subSequenceNumber()),
                    entry("reason", rejection.reason()),
                    entry("head", rejection.head()));
        }
        LOG.info("batch processed",
                entry("records", summary.records()),
                entry("userRecords", summary.userRecords()),
                entry("itemsWritten", summary.itemsWritten()),
                entry("skipped", summary.skipped()),
                entry("rejected", summary.rejected()),
                entry("collapsedDuplicates", summary.collapsedDuplicates()),
                entry("writeRetries", summary.writeRetries()),
                entry("failedSequenceNumbers", summary.failedSequenceNumbers()));
    }

    private static void publish(BatchSummary summary) {
        // namespace: POWERTOOLS_METRICS_NAMESPACE, set once for every function in template.yaml's Globals
        ConsumerMetrics.publish(MetricsFactory.getMetricsInstance(), summary);
    }

    private static StreamsEventResponse failuresResponse(List<String> sequenceNumbers) {
        List<StreamsEventResponse.BatchItemFailure> failures = sequenceNumbers.stream()
                .map(StreamsEventResponse.BatchItemFailure::new)
                .toList();
        return new StreamsEventResponse(failures);
    }

    private static String requiredEnvironment(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
