package dev.streamproc.local.demo;

import dev.streamproc.local.LocalPipeline;
import dev.streamproc.local.LocalRuntime;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.ServerEvent;
import dev.streamproc.local.cloud.process.LocalState;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.firehose.FirehoseMetrics;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.stream.KinesisStreamSource;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The one-command local run: start the stack of template.yaml, run the producer against it, put malformed
 * records and notices beside its tweets, wait until every record has gone through both paths, and account for
 * each one. {@link DemoCommand} prints the result; the end-to-end tests drive the same steps and look inside.
 */
public final class Demo implements AutoCloseable {

    /** How long the census waits out a Kinesis server being started again by the supervisor (its start takes seconds). */
    private static final Duration CENSUS_PATIENCE = Duration.ofSeconds(60);

    /** The stack name the demo deploys (the table is {@code streamproc-EventData}, as on AWS). */
    public static final String STACK_NAME = LocalCloudConfig.DEFAULT_STACK_NAME;

    private final DemoOptions options;
    private final PrintStream out;
    private final Path dataDir;
    private final LocalRuntime.Tuning tuning;
    private final Map<String, String> parameters = new LinkedHashMap<>();

    private LocalPipeline pipeline;
    private EventDataWatcher watcher;
    private Progress progress;
    private String streamName;
    private String streamArn;
    private String tableName;
    private Instant producerStart;
    private ProducerProcess.Result producerResult;
    private List<BadInput.Put> injected = List.of();
    private final List<BadInput.Put> extraInput = new ArrayList<>();
    private StreamCensus census;
    private ArchiveCensus archive;
    private dev.streamproc.local.console.Console console;

    public Demo(DemoOptions options, PrintStream out) {
        this(options, out, LocalRuntime.Tuning.none());
    }

    /** @param tuning local adjustments of functions and mappings (tests) */
    public Demo(DemoOptions options, PrintStream out, LocalRuntime.Tuning tuning) {
        this.options = options;
        this.out = out;
        this.dataDir = (options.dataDir() != null ? options.dataDir() : RepoRoot.find().resolve(".streamproc")).toAbsolutePath();
        this.tuning = tuning;
        // The demo runs the producer itself, so the scheduled one stays off and the count is exact.
        parameters.put("ProducerScheduleState", "DISABLED");
    }

    /** A template parameter for this run (tests: e.g. ConsumerBatchSize). */
    public Demo parameter(String name, String value) {
        parameters.put(name, value);
        return this;
    }

    /** More records to put beside the producer's tweets, with the bad input (tests: records that trigger faults). */
    public Demo extraInput(List<BadInput.Put> puts) {
        extraInput.addAll(puts);
        return this;
    }

    /** Starts the stack on a fresh data directory and the EventData watcher. */
    public void start() {
        refuseIfRunning();
        clearPreviousRun();
        LocalCloudConfig config = LocalCloudConfig.builder().dataDir(dataDir).stackName(STACK_NAME).parameters(parameters)
                .parametersFile(null).out(line -> out.println("  " + line)).preflight(LocalRuntime.preflight(dataDir)).build();
        out.println("Starting the local stack in " + dataDir + " ...");
        pipeline = LocalPipeline.start(config, out, options.verbose(), tuning);
        Template template = pipeline.cloud().template();
        streamName = template.physicalName("TweetStream");
        streamArn = template.arn("TweetStream");
        tableName = template.physicalName("EventDataTable");
        watcher = new EventDataWatcher(pipeline.cloud().dynamoDbClient(), tableName).start();
        console = dev.streamproc.local.console.Console.start(pipeline.cloud(), pipeline.runtime(), dev.streamproc.local.console.Console.DEFAULT_PORT);
        out.println("  " + console.banner());
        out.printf("Ready in %.1f s (servers and stack %.1f s): %d functions, %d event source mapping(s), %d delivery stream(s)%n",
                seconds(pipeline.readyTime()), seconds(pipeline.cloud().startupTime()), pipeline.lambda().functions().size(),
                pipeline.mappings().size(), pipeline.deliveries().size());
    }

    /** Runs the producer to its end, putting the bad input while it runs; prints progress. */
    public ProducerProcess.Result produce() throws InterruptedException {
        // The template's function of the chosen producer: both run the same jar's CLI, with its --producer.
        String function = options.producer().equals(DemoOptions.PUT_RECORDS) ? "PutRecordsProducerFunction" : "ProducerFunction";
        Path jar = FunctionSpec.deploymentJar(function, pipeline.cloud().template().function(function).codeUri());
        out.println("Producing: " + String.join(" ", options.producerArguments()) + " → stream " + streamName
                + (options.malformed() + options.notices() > 0
                ? " (+ " + options.malformed() + " malformed records and " + options.notices() + " notices)" : ""));
        producerStart = Instant.now();
        progress = new Progress(out, this::progressLine);
        try (ProducerProcess producer = ProducerProcess.start(jar, streamName, options.producerArguments(),
                pipeline.cloud().sdkEnvironment(), dataDir)) {
            runningProducer = producer;
            progress.start();
            List<BadInput.Put> puts = new ArrayList<>(BadInput.records(options.malformed(), options.notices()));
            puts.addAll(extraInput);
            injected = List.copyOf(puts);
            BadInput.put(pipeline.cloud().kinesisClient(), streamName, injected);
            producerResult = awaitProducer(producer, options.duration() == null ? 3600 : options.duration().toSeconds() + 300);
        }
        if (producerResult.failed() > 0 || (producerResult.exitCode() != 0 && producerResult.submitted() > 0)) {
            out.println("The producer exited with " + producerResult.exitCode() + ": " + producerResult.failed()
                    + " tweets not acknowledged (see " + dataDir.resolve("logs/producer-cli.log") + ")");
        }
        return producerResult;
    }

    /**
     * Why the run fails on its source's account (no tweet at all, or rejected input not accepted), in one line;
     * empty when the source is fine or the producer has not run.
     */
    public Optional<String> sourceFailure() {
        return producerResult == null ? Optional.empty()
                : SourceVerdict.failure(producerResult, options.source(), options.acceptRejected());
    }

    /** True once the producer has run and its source yielded no tweet: there is nothing of the source's to count. */
    public boolean producedNothing() {
        return producerResult != null && producerResult.submitted() == 0;
    }

    /** The producer's result; when a server is lost meanwhile, the producer is stopped with what it had sent so far. */
    private ProducerProcess.Result awaitProducer(ProducerProcess producer, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (producer.isAlive() && lostServer().isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(200);
        }
        if (producer.isAlive() && lostServer().isPresent()) {
            long sent = producer.sentSoFar();
            producer.close();
            return new ProducerProcess.Result(-1, sent, sent, 0, 0, seconds(Duration.between(producerStart, Instant.now())));
        }
        return producer.await(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toSeconds()));
    }

    /** Waits until both paths have taken every record on the stream, then counts where each went. */
    public DemoReport drain() {
        Instant deadline = Instant.now().plus(options.drainTimeout());
        census = readCensus();
        long kinesisRecords = census.kinesisRecords();
        // Firehose would wait for its buffering hints (60 s by default); the run is over, so flush as on shutdown —
        // as soon as it has read the whole stream, so that its last processor run and S3 write overlap the consumer's.
        boolean archived = waitUntil(deadline, () -> pipeline.deliveries().stream().allMatch(d -> d.metrics().kinesisRecordsIn() >= kinesisRecords));
        pipeline.deliveries().forEach(FirehoseDelivery::flushNow);
        boolean consumed = waitUntil(deadline, () -> pipeline.mappings().stream().allMatch(m -> handled(m, kinesisRecords)));
        long userRecords = census.userRecords().size();
        archived &= waitUntil(deadline, () -> pipeline.deliveries().stream().allMatch(d -> {
            FirehoseMetrics.Snapshot m = d.metrics();
            if (m.inFlight() == 0 && m.recordsIn() >= userRecords) {
                return true;
            }
            d.flushNow(); // records taken in after the first flush are flushed too
            return false;
        }));
        Instant drained = Instant.now();
        if (progress != null) {
            progress.close();
        }
        if (lostServer().isPresent()) {
            out.println("Stopped waiting for the pipeline: the " + lostServer().get().server() + " server is gone.");
        } else if (!consumed || !archived) {
            out.println("Gave up waiting after " + options.drainTimeout().toSeconds() + " s: "
                    + (consumed ? "" : "the consumer's mapping ") + (archived ? "" : "the delivery stream ") + "did not catch up");
        }
        try {
            watcher.scanOnce();
        } catch (RuntimeException e) {
            if (lostServer().isEmpty()) {
                throw e;
            }
        }
        return report(drained);
    }

    /** The stream's records; none when its server was lost with them (the report then says so). */
    private StreamCensus readCensus() {
        long deadline = System.nanoTime() + CENSUS_PATIENCE.toNanos();
        while (true) {
            try {
                return StreamCensus.read(new KinesisStreamSource(pipeline.cloud().kinesisClient(), streamArn));
            } catch (RuntimeException e) {
                if (lostServer().isPresent()) {
                    return StreamCensus.unavailable();
                }
                if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // the supervisor may be starting the Kinesis server again with its streams; the census reads from the start
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Optional<ServerEvent> lostServer() {
        return pipeline.cloud().lostServer();
    }

    private static boolean handled(EventSourceMapping mapping, long kinesisRecords) {
        var m = mapping.metrics();
        return m.recordsDelivered() + m.recordsDiscarded() + m.recordsFiltered() >= kinesisRecords && m.recordsBehind() == 0;
    }

    private DemoReport report(Instant drained) {
        Template template = pipeline.cloud().template();
        String consumer = pipeline.mappings().isEmpty() ? "ConsumerFunction" : pipeline.mappings().get(0).settings().functionId();
        ConsumerLog.Counts consumerLog = ConsumerLog.read(pipeline.cloud().config().logDir().resolve(consumer + ".log"));
        List<OnFailureQueue.FailedBatch> failedBatches = new ArrayList<>();
        for (EventSourceMapping mapping : pipeline.mappings()) {
            if (mapping.settings().onFailureDestination() != null) {
                try {
                    failedBatches.addAll(OnFailureQueue.read(pipeline.cloud().sqsClient(), mapping.settings().onFailureDestination()));
                } catch (RuntimeException e) {
                    if (lostServer().isEmpty()) {
                        throw e;
                    }
                }
            }
        }
        long onFailureRecords = failedBatches.stream()
                .mapToLong(b -> census.userRecordsBetween(b.shardId(), b.startSequenceNumber(), b.endSequenceNumber())).sum();
        FirehoseDelivery delivery = pipeline.deliveries().get(0);
        archive = ArchiveCensus.read(pipeline.cloud().s3Dir().resolve(delivery.settings().bucket()), delivery.settings().prefix(),
                delivery.settings().errorOutputPrefix());
        FirehoseMetrics.Snapshot firehose = delivery.metrics();
        java.util.Set<String> itemContents = new java.util.HashSet<>();
        for (String position : watcher.lineage()) {
            StreamCensus.UserRecord writer = census.at(position);
            if (writer != null) {
                itemContents.add(writer.content());
            }
        }
        long itemRecords = census.userRecords().stream().filter(r -> itemContents.contains(r.content())).count();
        long rejected = consumerLog.rejectedRecords().stream().filter(p -> census.at(p) != null).count();
        Accounting accounting = Accounting.builder()
                .sourceRejected(producerResult == null ? 0 : producerResult.rejected())
                .producerSent(producerResult == null ? 0 : producerResult.sent())
                .producerFailed(producerResult == null ? 0 : producerResult.failed())
                .injected(injected.size())
                .kinesisRecords(census.kinesisRecords())
                .userRecords(census.userRecords().size())
                .distinctRecords(census.distinctRecords())
                .eventDataItems(watcher.count())
                .itemRecords(itemRecords)
                .consumerSkipped(consumerLog.skipped())
                .consumerRejected(rejected)
                .consumerOnFailure(onFailureRecords)
                .s3OkRows(archive.rows().size())
                .dropped(firehose.droppedRecords())
                .processingFailed(archive.failed().size())
                .build();

        List<Long> itemLatencies = new ArrayList<>();
        Instant lastSeen = producerStart;
        for (EventDataWatcher.Sighting sighting : watcher.sightings().values()) {
            Instant arrival = census.arrivalOf(sighting.shardId(), sighting.sequenceNumber());
            if (arrival != null) {
                itemLatencies.add(Math.max(0, Duration.between(arrival, sighting.seenAt()).toMillis()));
            }
            if (sighting.seenAt().isAfter(lastSeen)) {
                lastSeen = sighting.seenAt();
            }
        }
        List<Long> rowLatencies = new ArrayList<>();
        for (ArchiveCensus.Line row : archive.rows()) {
            Instant arrival = census.arrivalOfKey(ArchiveCensus.idOf(row));
            if (arrival != null) {
                rowLatencies.add(Math.max(0, Duration.between(arrival, row.landedAt()).toMillis()));
            }
        }
        double activeSeconds = Math.max(1e-3, Duration.between(producerStart, lastSeen).toMillis() / 1000.0);
        long retries = pipeline.mappings().stream().mapToLong(m -> m.metrics().retries()).sum();
        return new DemoReport(accounting, Percentiles.of(itemLatencies), Percentiles.of(rowLatencies), pipeline.readyTime(),
                Duration.between(producerStart, drained), watcher.count() / activeSeconds, pipeline.lambda().coldStarts(),
                failedBatches, consumerLog, retries, producerResult == null ? 0 : producerResult.seconds(), pipeline.cloud().serverEvents());
    }

    private String progressLine() {
        long produced = (producerResult != null ? producerResult.sent() : currentSent()) + injected.size();
        long inS3 = pipeline.deliveries().stream().mapToLong(d -> d.metrics().okRecords()).sum();
        long buffered = pipeline.deliveries().stream().mapToLong(d -> d.metrics().inFlight()).sum();
        long behind = pipeline.mappings().stream().mapToLong(m -> m.metrics().recordsBehind()).sum();
        long millisBehind = pipeline.mappings().stream().mapToLong(m -> m.metrics().millisBehind()).max().orElse(0);
        return String.format(java.util.Locale.ROOT, "produced %,d | in EventData %,d | in S3 %,d (+%,d buffered) | lag %,d records, %,d ms",
                produced, watcher.count(), inS3, buffered, behind, millisBehind);
    }

    private volatile ProducerProcess runningProducer;

    private long currentSent() {
        ProducerProcess p = runningProducer;
        return p == null ? 0 : p.sentSoFar();
    }

    /** False at the deadline, or as soon as a server is lost (nothing more will arrive). */
    private boolean waitUntil(Instant deadline, BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline) || lostServer().isPresent()) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void refuseIfRunning() {
        Optional<LocalState> state;
        try {
            state = LocalState.read(LocalCloudConfig.stateFile(dataDir));
        } catch (RuntimeException unreadable) {
            return;
        }
        if (state.isPresent() && ProcessHandle.of(state.get().pid()).map(ProcessHandle::isAlive).orElse(false)
                && state.get().pid() != ProcessHandle.current().pid()) {
            throw new IllegalStateException("a local stack is already running from " + dataDir + " (pid " + state.get().pid()
                    + "): stop it with ./streamproc down, or give the demo another --data-dir");
        }
    }

    /** The demo counts what it finds: files of an earlier run would be counted too. */
    private void clearPreviousRun() {
        for (String part : List.of("s3", "checkpoints", "logs", "lambda", "kpl", "producer-summary.json")) {
            delete(dataDir.resolve(part));
        }
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + path + " of the previous run: " + e.getMessage(), e);
        }
    }

    public LocalPipeline pipeline() {
        return pipeline;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The local console serving this run (started with the stack). */
    public dev.streamproc.local.console.Console console() {
        return console;
    }

    public String tableName() {
        return tableName;
    }

    public String streamName() {
        return streamName;
    }

    public StreamCensus census() {
        return census;
    }

    public ArchiveCensus archive() {
        return archive;
    }

    public List<BadInput.Put> injected() {
        return injected;
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (console != null) {
            console.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }
}
