package dev.streamproc.local.e2e;

import dev.streamproc.local.LocalRuntime;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.process.LocalState;
import dev.streamproc.local.cloud.template.Template;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The stack's runtime (functions, event source mappings, Firehose delivery) in a process of its own, attached to
 * the local cloud found through the data directory's state file: a process the test can SIGKILL and start again.
 * SIGTERM stops it cleanly (Firehose flushes its buffers).
 */
public final class RuntimeProcess {

    static final String READY = "runtime ready";

    private RuntimeProcess() {
    }

    /** A file whose appearance asks the runtime to let Firehose take the whole stream, flush, and exit. */
    static final String DRAIN_REQUEST = "drain-and-exit";
    static final String DRAINED = "runtime drained";

    /** @param args the data directory, then template parameter overrides {@code Name=Value} */
    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        Map<String, String> overrides = new java.util.HashMap<>();
        for (int i = 1; i < args.length; i++) {
            overrides.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        LocalState state = LocalState.read(LocalCloudConfig.stateFile(dataDir))
                .orElseThrow(() -> new IllegalStateException("no local cloud state in " + dataDir));
        Template template = Template.load(Path.of(state.template()), state.stackName(), overrides);
        String delivery = template.physicalName("DeliveryStream");
        var firehoseCheckpoints = new dev.streamproc.local.stream.CheckpointStore(dataDir, "firehose-" + delivery);
        Map<String, String> resumedFrom = new java.util.HashMap<>();
        try (var kinesis = new dev.streamproc.local.cloud.SdkClients(state.endpoints()).kinesis()) {
            var stream = new dev.streamproc.local.stream.KinesisStreamSource(kinesis, template.arn("TweetStream"));
            stream.shardIds().forEach(shard -> firehoseCheckpoints.read(shard).ifPresent(seq -> resumedFrom.put(shard, seq)));
            LocalRuntime runtime = LocalRuntime.start(template, state.endpoints(), dataDir, LocalRuntime.Settings.of(System.out, false)
                    .withoutSchedules().withTuning(new LocalRuntime.Tuning(UnaryOperator.identity(),
                            s -> s.toBuilder().idlePollInterval(Duration.ofMillis(500)).retryDelay(Duration.ofMillis(100)).build())));
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "runtime-stop"));
            System.out.println(READY + " " + List.of(runtime.mappings().size(), runtime.deliveries().size()) + " firehose resumes after " + resumedFrom);
            System.out.flush();
            while (!java.nio.file.Files.exists(dataDir.resolve(DRAIN_REQUEST))) {
                Thread.sleep(200);
            }
            // Records Firehose must take in: those after the checkpoint it resumed from.
            var census = dev.streamproc.local.demo.StreamCensus.read(stream);
            java.util.Set<String> after = new java.util.HashSet<>();
            census.userRecords().stream().filter(r -> !resumedFrom.containsKey(r.shardId())
                    || new java.math.BigInteger(r.sequenceNumber()).compareTo(new java.math.BigInteger(resumedFrom.get(r.shardId()))) > 0)
                    .forEach(r -> after.add(r.shardId() + "/" + r.sequenceNumber()));
            var firehose = runtime.deliveries().get(0);
            while (firehose.metrics().kinesisRecordsIn() < after.size()) {
                Thread.sleep(200);
            }
            runtime.close(); // flushes Firehose: processor, S3, checkpoints
            System.out.println(DRAINED + " after taking " + firehose.metrics().kinesisRecordsIn() + " Kinesis records");
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }

    /** Starts it as a child JVM with the test's classpath; its output goes to {@code log}. */
    static Process start(Path dataDir, Path log, List<String> overrides) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-Dstreamproc.home=" + dev.streamproc.local.cloud.process.RepoRoot.find(),
                RuntimeProcess.class.getName(), dataDir.toString()));
        command.addAll(overrides);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("AWS_EMF_ENVIRONMENT", "Local");
        return builder.start();
    }
}
