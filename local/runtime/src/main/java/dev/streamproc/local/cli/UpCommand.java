package dev.streamproc.local.cli;

import dev.streamproc.local.LocalPipeline;
import dev.streamproc.local.LocalRuntime;
import dev.streamproc.local.cloud.Endpoints;
import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.LocalCloudConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code streamproc up}: starts the local cloud (fixed ports 4567–4572 unless {@code --free-ports}) and the local
 * runtime ({@link LocalPipeline}), prints the time to ready, and stays in the foreground until Ctrl-C.
 */
@Command(name = "up", description = "start the local cloud and runtime; stay up until Ctrl-C")
public final class UpCommand implements Callable<Integer> {

    /** Parsed options: the cloud config, and whether the functions' logs are echoed. */
    public record Options(LocalCloudConfig cloud, boolean verbose) {
    }

    /** A shutdown that hangs (e.g. a flush retrying against a dead server) must not leave Ctrl-C unanswered. */
    static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(30);

    @ParentCommand
    Streamproc streamproc;

    @Mixin
    DataDirOption dataDir;

    @Option(names = "--template", paramLabel = "FILE", description = "the SAM template (default template.yaml of the project)")
    Path template;

    @Option(names = "--stack-name", paramLabel = "NAME", description = "default: ${DEFAULT-VALUE}")
    String stackName = LocalCloudConfig.DEFAULT_STACK_NAME;

    @Option(names = {"--parameter", "-p"}, paramLabel = "NAME=VALUE", description = "a template parameter (repeatable)")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--persist", description = "keep DynamoDB, Kinesis and SSM data across restarts")
    boolean persist;

    @Option(names = "--parameters-file", paramLabel = "FILE", description = "SSM seed file (default local-parameters.properties)")
    Path parametersFile;

    @Option(names = "--ssm-parameter", paramLabel = "NAME=[Type:]VALUE", description = "an SSM parameter to seed (repeatable)")
    Map<String, String> ssmParameters = new LinkedHashMap<>();

    @Option(names = "--free-ports", description = "any free ports instead of 4567-4572")
    boolean freePorts;

    @Option(names = {"--verbose", "-v"}, description = "echo the functions' logs")
    boolean verbose;

    @Override
    public Integer call() {
        PrintStream out = streamproc.out();
        long begin = System.nanoTime();
        LocalPipeline running = start(options(), out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping...");
            Thread watchdog = new Thread(() -> forceStop(streamproc.err()), "streamproc-up-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            running.close();
            out.println("stopped cleanly");
            stopped.countDown();
        }, "streamproc-up-shutdown"));
        // CPU time beside wall time: on a busy 2-core machine the wall time mostly measures the neighbours.
        double cpuSeconds = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
        out.printf("ready in %.1f s (local cloud %.1f s; this JVM used %.1f s CPU). Ctrl-C to stop; ./streamproc env for the variables.%n",
                (System.nanoTime() - begin) / 1e9, running.cloud().startupTime().toMillis() / 1e3, cpuSeconds);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    Options options() {
        LocalCloudConfig.Builder builder = LocalCloudConfig.builder()
                .ports(freePorts ? LocalCloudConfig.Ports.FREE : LocalCloudConfig.Ports.FIXED)
                .dataDir(dataDir.resolve())
                .stackName(stackName)
                .parameters(parameters)
                .persist(persist);
        if (template != null) {
            builder.template(template.toAbsolutePath());
        }
        if (parametersFile != null) {
            builder.parametersFile(parametersFile.toAbsolutePath());
        }
        ssmParameters.forEach(builder::ssmParameter);
        return new Options(builder.build(), verbose);
    }

    private static void forceStop(PrintStream err) {
        try {
            Thread.sleep(SHUTDOWN_LIMIT.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        err.println("shutdown did not finish within " + SHUTDOWN_LIMIT.toSeconds() + " s: killing child processes");
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().halt(1);
    }

    /** Starts the cloud, prints its endpoints, then starts the runtime (with its schedules) and describes it. */
    public static LocalPipeline start(Options options, PrintStream out) {
        LocalPipeline pipeline = LocalPipeline.start(options.cloud(), LocalRuntime.Settings.of(out, options.verbose()),
                cloud -> printEndpoints(cloud, out));
        pipeline.runtime().describe().forEach(line -> out.println("  " + line));
        return pipeline;
    }

    static void printEndpoints(LocalCloud cloud, PrintStream out) {
        Endpoints e = cloud.endpoints();
        out.printf("local cloud up in %.1f s: stack '%s' from %s%n", cloud.startupTime().toMillis() / 1e3,
                cloud.template().stackName(), cloud.template().file());
        StringBuilder breakdown = new StringBuilder("  start-up ");
        cloud.startupBreakdown().forEach((part, took) -> breakdown.append(String.format(" %s %.1f s", part, took.toMillis() / 1e3)));
        out.println(breakdown);
        out.println("  kinesis   " + e.kinesis() + "  (plain " + e.kinesisPlain() + ")");
        out.println("  dynamodb  " + e.dynamodb());
        out.println("  s3        " + e.s3() + "  (files under " + cloud.s3Dir() + ")");
        out.println("  ssm       " + e.ssm());
        out.println("  sqs       " + e.sqs());
        cloud.deployment().created().forEach(r -> out.println("  created   " + r));
        cloud.deployment().kept().forEach(r -> out.println("  kept      " + r));
    }
}
