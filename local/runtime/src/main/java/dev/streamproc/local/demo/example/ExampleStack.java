package dev.streamproc.local.demo.example;

import dev.streamproc.local.LocalRuntime;
import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.esm.EsmSettings;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.stream.StartPosition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * An example's stack while it runs: the local cloud of its template and the runtime of its functions, which can be
 * stopped and started again (a crash of the event source mapping, as far as its functions can tell).
 */
public final class ExampleStack implements AutoCloseable {

    private final LocalCloud cloud;
    private final Path exampleDir;
    private final PrintStream console;
    private final boolean verbose;
    private LocalRuntime runtime;
    private final DynamoDbClient dynamoDb;
    private final KinesisClient kinesis;

    ExampleStack(LocalCloud cloud, Path exampleDir, PrintStream console, boolean verbose) {
        this.cloud = cloud;
        this.exampleDir = exampleDir;
        this.console = console;
        this.verbose = verbose;
        this.dynamoDb = cloud.dynamoDbClient();
        this.kinesis = cloud.kinesisClient();
        this.runtime = startRuntime();
    }

    /**
     * The demo starts producing right after the stack is up, on fresh streams: a mapping the template starts at
     * LATEST reads from the stream's start instead, so that nothing put before its first poll is skipped (on AWS one
     * waits for the mapping to be Enabled before producing).
     */
    private LocalRuntime startRuntime() {
        LocalRuntime.Tuning tuning = new LocalRuntime.Tuning(f -> f, ExampleStack::fromTheStart);
        return LocalRuntime.start(cloud.template(), cloud.endpoints(), cloud.dataDir(),
                LocalRuntime.Settings.of(verbose ? console : null, verbose).withoutSchedules().withTuning(tuning));
    }

    static EsmSettings fromTheStart(EsmSettings settings) {
        return settings.startingPosition().type() == StartPosition.Type.LATEST
                ? settings.toBuilder().startingPosition(StartPosition.trimHorizon()).build() : settings;
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public LocalRuntime runtime() {
        return runtime;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    public Path exampleDir() {
        return exampleDir;
    }

    /** The mapping that feeds {@code functionId}. */
    public EventSourceMapping mapping(String functionId) {
        return runtime.mappings().stream().filter(m -> m.settings().functionId().equals(functionId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no event source mapping feeds " + functionId));
    }

    /**
     * Stops the runtime, forgets how far {@code functionId}'s mapping got (its checkpoints), and starts it again: the
     * mapping then delivers again everything from its starting position, as after a crash before checkpointing.
     */
    public void restartForgetting(String functionId) throws IOException {
        runtime.close();
        Path checkpoints = cloud.dataDir().resolve("checkpoints");
        if (Files.isDirectory(checkpoints)) {
            try (Stream<Path> consumers = Files.list(checkpoints)) {
                for (Path consumer : consumers.filter(p -> p.getFileName().toString().startsWith("esm-" + functionId + "-")).toList()) {
                    try (Stream<Path> files = Files.walk(consumer)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(file);
                        }
                    }
                }
            }
        }
        runtime = startRuntime();
    }

    /**
     * Runs one of the example's CLIs ({@code java -jar target/<jar> args}) against this stack, as a user would after
     * {@code eval "$(./streamproc env)"}; returns its last output line.
     */
    public String runCli(String jar, List<String> args, Duration timeout) throws IOException, InterruptedException {
        Path file = exampleDir.resolve("target").resolve(jar);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing; run ./mvnw -pl examples/" + exampleDir.getFileName() + " -am package");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                file.toString()));
        command.addAll(args);
        Map<String, String> env = new LinkedHashMap<>(cloud.endpoints().sdkEnvironment());
        // The SDK for Java reads no AWS_CA_BUNDLE: the CLIs use the stream's plain HTTP port.
        env.put("AWS_ENDPOINT_URL_KINESIS", cloud.endpoints().kinesisPlain());
        Path output = Files.createTempFile(cloud.dataDir(), jar, ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(jar + " did not finish within " + timeout.toSeconds() + " s");
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(jar + " failed (exit " + process.exitValue() + "): " + String.join(" | ", lines));
        }
        return last;
    }

    /** The runtime first, then the servers. */
    @Override
    public void close() {
        runtime.close();
        dynamoDb.close();
        kinesis.close();
        cloud.close();
    }
}
