package dev.streamproc.local.demo;

import dev.streamproc.local.cloud.Endpoints;
import dev.streamproc.local.cloud.SdkClients;
import dev.streamproc.local.cloud.Template;
import dev.streamproc.local.esm.EsmSettings;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.esm.StackEventSources;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.firehose.StackDeliveryStreams;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.lambda.LocalLambda;
import dev.streamproc.local.lambda.RuntimeOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What runs the stack's code against a local cloud: every function under the local Lambda runtime, each
 * function's Kinesis event source mapping and each Firehose delivery stream. It needs only the cloud's
 * endpoints, so it can run in the cloud's JVM or in its own process (and be killed and restarted there: it
 * resumes from the checkpoints in the data directory). Schedules are not started.
 */
public final class StackRuntime implements AutoCloseable {

    /** How long a batch in flight may finish when the runtime stops (it is redelivered otherwise). */
    static final long STOP_GRACE_MILLIS = 10_000;

    /** Local adjustments, for tests: a function's spec (e.g. wrap its handler), a mapping's local knobs. */
    public record Tuning(UnaryOperator<FunctionSpec> functions, UnaryOperator<EsmSettings> mappings) {

        public static Tuning none() {
            return new Tuning(UnaryOperator.identity(), UnaryOperator.identity());
        }
    }

    private final LocalLambda lambda;
    private final List<EventSourceMapping> mappings;
    private final List<FirehoseDelivery> deliveries;
    private final List<AutoCloseable> clients;

    private StackRuntime(LocalLambda lambda, List<EventSourceMapping> mappings, List<FirehoseDelivery> deliveries,
                         List<AutoCloseable> clients) {
        this.lambda = lambda;
        this.mappings = mappings;
        this.deliveries = deliveries;
        this.clients = clients;
    }

    public static StackRuntime start(Template template, Endpoints endpoints, Path dataDir, PrintStream console, boolean verbose,
                                     Tuning tuning) {
        SdkClients sdk = new SdkClients(endpoints);
        KinesisClient kinesis = sdk.kinesis();
        S3Client s3 = sdk.s3();
        SqsClient sqs = sdk.sqs();
        List<AutoCloseable> clients = List.of(kinesis, s3, sqs);
        LocalLambda lambda = new LocalLambda(template.functions().stream().map(FunctionSpec::of).map(tuning.functions()).toList(),
                RuntimeOptions.forDataDirectory(dataDir, endpoints.sdkEnvironment(), console, verbose));
        List<EventSourceMapping> mappings = new ArrayList<>();
        List<FirehoseDelivery> deliveries = new ArrayList<>();
        StackRuntime runtime = new StackRuntime(lambda, mappings, deliveries, clients);
        try {
            // The template's Kinesis events; it has no DynamoDB stream events.
            mappings.addAll(StackEventSources.create(template, kinesis, null, sqs, lambda, dataDir, tuning.mappings()));
            mappings.forEach(EventSourceMapping::start);
            deliveries.addAll(StackDeliveryStreams.create(template, kinesis, s3, lambda, dataDir, UnaryOperator.identity()));
            deliveries.forEach(FirehoseDelivery::start);
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    public LocalLambda lambda() {
        return lambda;
    }

    public List<EventSourceMapping> mappings() {
        return mappings;
    }

    public List<FirehoseDelivery> deliveries() {
        return deliveries;
    }

    /** Stops polling first, then flushes and closes the deliveries, then the functions. */
    @Override
    public void close() {
        for (EventSourceMapping mapping : mappings) {
            quietly(() -> mapping.stop(STOP_GRACE_MILLIS));
        }
        for (FirehoseDelivery delivery : deliveries) {
            quietly(delivery::close);
        }
        quietly(lambda::close);
        for (AutoCloseable client : clients) {
            quietly(client::close);
        }
    }

    static void quietly(ThrowingRunnable action) {
        try {
            action.run();
        } catch (Exception e) {
            System.err.println("warning: while stopping the local runtime: " + e.getMessage());
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
