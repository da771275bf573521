package dev.streamproc.local;

import dev.streamproc.local.alarm.LocalAlarms;
import dev.streamproc.local.cloud.Endpoints;
import dev.streamproc.local.cloud.SdkClients;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.esm.EsmSettings;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.esm.StackEventSources;
import dev.streamproc.local.lambda.api.AsyncRetryPolicy;
import dev.streamproc.local.lambda.api.LambdaApiEndpoint;
import dev.streamproc.local.lambda.api.LambdaApiServer;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.firehose.StackDeliveryStreams;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.lambda.JavaRuntimes;
import dev.streamproc.local.lambda.LocalLambda;
import dev.streamproc.local.lambda.RuntimeOptions;
import dev.streamproc.local.lambda.StackFunctions;
import dev.streamproc.local.schedule.ScheduleRule;
import dev.streamproc.local.schedule.ScheduleRules;
import dev.streamproc.local.schedule.Scheduler;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything of template.yaml that runs on top of a local cloud: the functions under the local Lambda runtime,
 * their Kinesis and DynamoDB stream event source mappings, the Firehose delivery streams and the schedule rules.
 * It needs only the cloud's endpoints, so it runs in the cloud's JVM ({@code up}, {@code demo}) or in a process
 * of its own that can be killed and restarted (it resumes from the checkpoints in the data directory).
 * Closing it stops the schedules and pollers, flushes the deliveries, then stops the functions.
 */
public final class LocalRuntime implements AutoCloseable {

    /** How long a batch in flight may finish when the runtime stops (it is delivered again otherwise). */
    static final long STOP_GRACE_MILLIS = 10_000;

    /** Local adjustments, for tests: a function's spec (e.g. wrap its handler), a mapping's local knobs. */
    public record Tuning(UnaryOperator<FunctionSpec> functions, UnaryOperator<EsmSettings> mappings) {

        public static Tuning none() {
            return new Tuning(UnaryOperator.identity(), UnaryOperator.identity());
        }
    }

    /**
     * @param console   where function output and schedule lines go (null: nowhere)
     * @param schedules whether schedule rules fire (the demo runs the producer itself, so it turns them off)
     */
    public record Settings(PrintStream console, boolean verbose, boolean schedules, Tuning tuning) {

        public static Settings of(PrintStream console, boolean verbose) {
            return new Settings(console, verbose, true, Tuning.none());
        }

        public Settings withoutSchedules() {
            return new Settings(console, verbose, false, tuning);
        }

        public Settings withTuning(Tuning tuning) {
            return new Settings(console, verbose, schedules, tuning);
        }
    }

    private final LocalLambda lambda;
    private final List<EventSourceMapping> mappings = new ArrayList<>();
    private final List<FirehoseDelivery> deliveries = new ArrayList<>();
    private final List<String> jdkNotes = new ArrayList<>();
    private final List<AutoCloseable> clients;
    private Scheduler scheduler;
    private LocalAlarms alarms;
    private LambdaApiServer lambdaApi;
    private Path dataDir;
    private Duration startTime = Duration.ZERO;

    private LocalRuntime(LocalLambda lambda, List<AutoCloseable> clients) {
        this.lambda = lambda;
        this.clients = clients;
    }

    /**
     * What must hold before any server starts (a {@code LocalCloudConfig} preflight): every function can run — Java,
     * code built, a JDK for its runtime — else one line per function that cannot, and the start stops.
     */
    public static Consumer<Template> preflight(Path dataDir) {
        return template -> StackFunctions.of(template, dataDir, JavaRuntimes.ofThisMachine());
    }

    /** Each function's retry policy for asynchronous invocations, from its {@code EventInvokeConfig}. */
    private static Map<String, AsyncRetryPolicy> asyncPolicies(Template template) {
        Map<String, AsyncRetryPolicy> policies = new HashMap<>();
        for (Template.FunctionDef function : template.functions()) {
            try {
                policies.put(function.logicalId(), AsyncRetryPolicy.of(
                        template.resource(function.logicalId()).properties().get("EventInvokeConfig")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(function.logicalId() + " EventInvokeConfig: " + e.getMessage(), e);
            }
        }
        return policies;
    }

    public static LocalRuntime start(Template template, Endpoints endpoints, Path dataDir, Settings settings) {
        long begin = System.nanoTime();
        // Every function's code and JDK first: what cannot run is said before anything starts.
        StackFunctions functions = StackFunctions.of(template, dataDir, JavaRuntimes.ofThisMachine());
        SdkClients sdk = new SdkClients(endpoints);
        KinesisClient kinesis = sdk.kinesis();
        S3Client s3 = sdk.s3();
        SqsClient sqs = sdk.sqs();
        DynamoDbStreamsClient dynamoDbStreams = dynamoDbStreams(endpoints);
        LocalLambda lambda = new LocalLambda(functions.functions().stream().map(settings.tuning().functions()).toList(),
                RuntimeOptions.forDataDirectory(dataDir, endpoints.sdkEnvironment(), settings.console(), settings.verbose()));
        LocalRuntime runtime = new LocalRuntime(lambda, List.of(kinesis, s3, sqs, dynamoDbStreams));
        runtime.jdkNotes.addAll(functions.notes());
        try {
            runtime.mappings.addAll(StackEventSources.create(template, kinesis, dynamoDbStreams, sqs, s3, lambda, dataDir,
                    settings.tuning().mappings()));
            runtime.mappings.forEach(EventSourceMapping::start);
            runtime.dataDir = dataDir;
            runtime.lambdaApi = LambdaApiServer.start(0, lambda, lambda.functions(), runtime.mappings, asyncPolicies(template));
            LambdaApiEndpoint.write(dataDir, runtime.lambdaApi.endpoint());
            runtime.deliveries.addAll(StackDeliveryStreams.create(template, kinesis, s3, lambda, dataDir));
            runtime.deliveries.forEach(FirehoseDelivery::start);
            List<ScheduleRule> rules = ScheduleRules.of(template);
            if (settings.schedules() && !rules.isEmpty()) {
                PrintStream console = settings.console();
                runtime.scheduler = new Scheduler(lambda, rules, Clock.systemUTC(), line -> {
                    if (console != null) {
                        console.println(line);
                    }
                }).start();
            }
            runtime.alarms = LocalAlarms.start(template, new LocalAlarms.Parts(lambda, runtime.mappings, runtime.deliveries, sqs), dataDir);
            runtime.startTime = Duration.ofNanos(System.nanoTime() - begin);
            return runtime;
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    /** DynamoDB Local serves the Streams API on its DynamoDB endpoint. */
    private static DynamoDbStreamsClient dynamoDbStreams(Endpoints endpoints) {
        return DynamoDbStreamsClient.builder().endpointOverride(URI.create(endpoints.dynamodb())).region(Region.of(endpoints.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(Endpoints.ACCESS_KEY_ID, Endpoints.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(30)).build())
                .build();
    }

    public LocalLambda lambda() {
        return lambda;
    }

    public List<EventSourceMapping> mappings() {
        return List.copyOf(mappings);
    }

    public List<FirehoseDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The scheduler, or null when schedules are off or the template has none. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** From {@link #start} called to functions, mappings, deliveries and schedules running. */
    public Duration startTime() {
        return startTime;
    }

    /** The Lambda API of the stack ({@code AWS_ENDPOINT_URL_LAMBDA}). */
    public String lambdaApiEndpoint() {
        return lambdaApi == null ? null : lambdaApi.endpoint();
    }

    /** One line per part, for {@code up}'s banner. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        jdkNotes.forEach(note -> lines.add("jdk       " + note));
        if (lambdaApi != null) {
            lines.add("lambda    " + lambdaApi.endpoint() + " (Lambda API: invoke, functions, event source mappings)");
        }
        lambda.functions().forEach(f -> lines.add("function  " + f.logicalId() + " (" + f.runtime() + " on " + f.javaHome().getFileName()
                + ", " + f.memoryMb() + " MB, " + f.timeout().toSeconds() + " s) " + f.classpath().get(0).getFileName()));
        mappings.forEach(m -> lines.add("mapping   " + m.settings().streamArn() + " -> " + m.settings().functionId()
                + " (batch " + m.settings().batchSize() + ", " + m.settings().startingPosition().type() + ")"));
        deliveries.forEach(d -> lines.add("firehose  " + d.settings().name() + ": " + d.settings().sourceStreamArn()
                + " -> s3://" + d.settings().bucket() + "/" + d.settings().prefix()));
        if (alarms != null && !alarms.alarms().isEmpty()) {
            lines.add("alarms    " + alarms.alarms().size() + " CloudWatch alarms evaluated on the local figures every "
                    + LocalAlarms.INTERVAL.toSeconds() + " s (./streamproc status)");
        }
        if (scheduler != null) {
            scheduler.rules().forEach(r -> lines.add("schedule  " + r.ruleName() + " " + r.expression() + " -> " + r.functionId()
                    + (r.enabled() ? "" : " (disabled)")));
        }
        return lines;
    }

    /** Schedules and pollers stop first, then the deliveries flush what they hold, then the functions and clients stop. */
    @Override
    public void close() {
        if (alarms != null) {
            quietly(alarms::close);
        }
        if (scheduler != null) {
            quietly(scheduler::close);
        }
        if (lambdaApi != null) {
            quietly(lambdaApi::close);
            LambdaApiEndpoint.delete(dataDir);
        }
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

    private static void quietly(ThrowingRunnable action) {
        try {
            action.run();
        } catch (Exception e) {
            System.err.println("warning: while stopping the local runtime: " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
