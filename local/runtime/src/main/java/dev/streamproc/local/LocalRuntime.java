package dev.streamproc.local;

import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.Template;
import dev.streamproc.local.esm.EsmSettings;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.esm.KinesisEventFormat;
import dev.streamproc.local.esm.KinesisStreamSource;
import dev.streamproc.local.esm.SqsFailureDestination;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.firehose.FirehoseSettings;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.lambda.LocalLambda;
import dev.streamproc.local.lambda.RuntimeOptions;
import dev.streamproc.local.schedule.ScheduleRule;
import dev.streamproc.local.schedule.ScheduleRules;
import dev.streamproc.local.schedule.Scheduler;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Everything of template.yaml that runs on top of a started local cloud: the functions under the local Lambda
 * runtime, their Kinesis event source mappings, the Firehose delivery streams and the schedule rules.
 * {@code up} starts one; closing it stops the schedules and pollers, flushes the deliveries, then stops the functions.
 */
public final class LocalRuntime implements AutoCloseable {

    /** How long a batch in flight may finish when the runtime stops (it is delivered again otherwise). */
    static final long STOP_GRACE_MILLIS = 10_000;

    /**
     * @param schedules       whether schedule rules fire (the demo runs the producer itself, so it turns them off)
     * @param mappingSettings lets tests shorten a mapping's local knobs; the template's settings in, the ones to run out
     */
    public record Settings(PrintStream console, boolean verbose, boolean schedules, UnaryOperator<EsmSettings> mappingSettings) {

        public static Settings of(PrintStream console, boolean verbose) {
            return new Settings(console, verbose, true, UnaryOperator.identity());
        }

        public Settings withoutSchedules() {
            return new Settings(console, verbose, false, mappingSettings);
        }

        public Settings withMappingSettings(UnaryOperator<EsmSettings> adjust) {
            return new Settings(console, verbose, schedules, adjust);
        }
    }

    private final LocalLambda lambda;
    private final List<EventSourceMapping> mappings;
    private final List<FirehoseDelivery> deliveries;
    private final Scheduler scheduler;
    private final Duration startTime;

    private LocalRuntime(LocalLambda lambda, List<EventSourceMapping> mappings, List<FirehoseDelivery> deliveries,
                         Scheduler scheduler, Duration startTime) {
        this.lambda = lambda;
        this.mappings = mappings;
        this.deliveries = deliveries;
        this.scheduler = scheduler;
        this.startTime = startTime;
    }

    public static LocalRuntime start(LocalCloud cloud, Settings settings) {
        long begin = System.nanoTime();
        Template template = cloud.template();
        LocalLambda lambda = new LocalLambda(template.functions().stream().map(FunctionSpec::of).toList(),
                RuntimeOptions.forDataDirectory(cloud.dataDir(), cloud.sdkEnvironment(), settings.console(), settings.verbose()));
        List<EventSourceMapping> mappings = new ArrayList<>();
        List<FirehoseDelivery> deliveries = new ArrayList<>();
        Scheduler scheduler = null;
        try {
            for (Template.FunctionDef function : template.functions()) {
                for (Template.EventDef event : function.events()) {
                    if ("Kinesis".equals(event.type())) {
                        mappings.add(startMapping(cloud, template, lambda, function, event, settings.mappingSettings()));
                    }
                }
            }
            for (Template.Resource resource : template.resourcesOfType("AWS::KinesisFirehose::DeliveryStream")) {
                FirehoseSettings firehose = FirehoseSettings.fromResource(template.physicalName(resource.logicalId()),
                        template.region(), template.accountId(), resource.properties());
                deliveries.add(new FirehoseDelivery(firehose, new KinesisStreamSource(cloud.kinesisClient(), firehose.sourceStreamArn()),
                        lambda, cloud.s3Client(), cloud.dataDir()).start());
            }
            List<ScheduleRule> rules = ScheduleRules.of(template);
            if (settings.schedules() && !rules.isEmpty()) {
                PrintStream console = settings.console();
                scheduler = new Scheduler(lambda, rules, Clock.systemUTC(), line -> {
                    if (console != null) {
                        console.println(line);
                    }
                }).start();
            }
            return new LocalRuntime(lambda, mappings, deliveries, scheduler, Duration.ofNanos(System.nanoTime() - begin));
        } catch (RuntimeException e) {
            new LocalRuntime(lambda, mappings, deliveries, scheduler, Duration.ZERO).close();
            throw e;
        }
    }

    private static EventSourceMapping startMapping(LocalCloud cloud, Template template, LocalLambda lambda, Template.FunctionDef function,
                                                   Template.EventDef event, UnaryOperator<EsmSettings> adjust) {
        EsmSettings settings = adjust.apply(EsmSettings.fromEventProperties(function.logicalId(), function.arn(), event.properties()));
        String role = template.resource(function.logicalId()).string("Role");
        return new EventSourceMapping(settings, new KinesisStreamSource(cloud.kinesisClient(), settings.streamArn()),
                new KinesisEventFormat(settings.streamArn(), settings.region(), role), lambda,
                settings.onFailureDestination() == null ? null : new SqsFailureDestination(cloud.sqsClient(), settings.onFailureDestination()),
                cloud.dataDir()).start();
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

    /** From the cloud being up to functions, mappings, deliveries and schedules running. */
    public Duration startTime() {
        return startTime;
    }

    /** One line per part, for {@code up}'s banner. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lambda.functions().forEach(f -> lines.add("function  " + f.logicalId() + " (" + f.memoryMb() + " MB, "
                + f.timeout().toSeconds() + " s) " + f.classpath().get(0).getFileName()));
        mappings.forEach(m -> lines.add("mapping   " + m.settings().streamArn() + " -> " + m.settings().functionId()
                + " (batch " + m.settings().batchSize() + ", " + m.settings().startingPosition().type() + ")"));
        deliveries.forEach(d -> lines.add("firehose  " + d.settings().name() + ": " + d.settings().sourceStreamArn()
                + " -> s3://" + d.settings().bucket() + "/" + d.settings().prefix()));
        if (scheduler != null) {
            scheduler.rules().forEach(r -> lines.add("schedule  " + r.ruleName() + " " + r.expression() + " -> " + r.functionId()
                    + (r.enabled() ? "" : " (disabled)")));
        }
        return lines;
    }

    /** Schedules and pollers stop first, then the deliveries flush what they hold, then the functions stop. */
    @Override
    public void close() {
        if (scheduler != null) {
            quietly(scheduler::close);
        }
        for (EventSourceMapping mapping : mappings) {
            quietly(() -> mapping.stop(STOP_GRACE_MILLIS));
        }
        for (FirehoseDelivery delivery : deliveries) {
            quietly(delivery::close);
        }
        quietly(lambda::close);
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
