package dev.streamproc.local.cli;

import dev.streamproc.local.cloud.Endpoints;
import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.LocalCloudConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code streamproc up}: starts the local cloud (fixed ports 4567–4572 unless {@code --free-ports}) and the local
 * runtime ({@link LocalRuntimeHook}), prints the time to ready, and stays in the foreground until Ctrl-C.
 */
public final class UpCommand {

    static final String USAGE = """
            usage: streamproc up [--data-dir DIR] [--template FILE] [--stack-name NAME] [--parameter NAME=VALUE]...
                                 [--persist] [--parameters-file FILE] [--ssm-parameter NAME=[Type:]VALUE]... [--free-ports] [--console-port PORT] [--verbose]""";

    /** Parsed options; {@code verbose} and the cloud config are what the runtime hook gets too. */
    public record Options(LocalCloudConfig cloud, boolean verbose, int consolePort) {
    }

    /** A started cloud plus runtime; closing stops the runtime first (registered with the cloud), then the cloud. */
    public record Running(LocalCloud cloud, AutoCloseable runtime) implements AutoCloseable {
        @Override
        public void close() {
            cloud.close();
        }
    }

    /** A shutdown that hangs (e.g. a flush retrying against a dead server) must not leave Ctrl-C unanswered. */
    static final java.time.Duration SHUTDOWN_LIMIT = java.time.Duration.ofSeconds(30);

    private UpCommand() {
    }

    public static int run(List<String> args) {
        Options options = parse(args);
        long begin = System.nanoTime();
        Running running = start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping...");
            Thread watchdog = new Thread(UpCommand::forceStop, "streamproc-up-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            running.close();
            System.out.println("stopped cleanly");
            stopped.countDown();
        }, "streamproc-up-shutdown"));
        // CPU time beside wall time: on a busy 2-core machine the wall time mostly measures the neighbours.
        double cpuSeconds = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
        System.out.printf("ready in %.1f s (local cloud %.1f s; this JVM used %.1f s CPU). Ctrl-C to stop; ./streamproc env for the variables.%n",
                (System.nanoTime() - begin) / 1e9, running.cloud().startupTime().toMillis() / 1e3, cpuSeconds);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void forceStop() {
        try {
            Thread.sleep(SHUTDOWN_LIMIT.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        System.err.println("shutdown did not finish within " + SHUTDOWN_LIMIT.toSeconds() + " s: killing child processes");
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        Runtime.getRuntime().halt(1);
    }

    /** Starts the cloud, prints its endpoints, then starts the runtime; on a runtime failure the cloud is stopped. */
    public static Running start(Options options) {
        LocalCloud cloud = LocalCloud.start(options.cloud());
        try {
            printEndpoints(cloud);
            AutoCloseable runtime = LocalRuntimeHook.start(cloud, options);
            cloud.closeBefore(runtime);
            return new Running(cloud, runtime);
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    static void printEndpoints(LocalCloud cloud) {
        Endpoints e = cloud.endpoints();
        System.out.printf("local cloud up in %.1f s: stack '%s' from %s%n", cloud.startupTime().toMillis() / 1e3,
                cloud.template().stackName(), cloud.template().file());
        StringBuilder breakdown = new StringBuilder("  start-up ");
        cloud.startupBreakdown().forEach((part, took) -> breakdown.append(String.format(" %s %.1f s", part, took.toMillis() / 1e3)));
        System.out.println(breakdown);
        System.out.println("  kinesis   " + e.kinesis() + "  (plain " + e.kinesisPlain() + ")");
        System.out.println("  dynamodb  " + e.dynamodb());
        System.out.println("  s3        " + e.s3() + "  (files under " + cloud.s3Dir() + ")");
        System.out.println("  ssm       " + e.ssm());
        System.out.println("  sqs       " + e.sqs());
        cloud.deployment().created().forEach(r -> System.out.println("  created   " + r));
        cloud.deployment().kept().forEach(r -> System.out.println("  kept      " + r));
    }

    static Options parse(List<String> args) {
        LocalCloudConfig.Builder builder = LocalCloudConfig.builder().fixedPorts();
        Path dataDir = null;
        boolean verbose = false;
        int consolePort = dev.streamproc.local.console.Console.DEFAULT_PORT;
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--data-dir" -> dataDir = Path.of(CliArgs.value(args, ++i, arg));
                case "--template" -> builder.template(Path.of(CliArgs.value(args, ++i, arg)).toAbsolutePath());
                case "--stack-name" -> builder.stackName(CliArgs.value(args, ++i, arg));
                case "--parameter", "-p" -> {
                    String[] kv = CliArgs.keyValue(CliArgs.value(args, ++i, arg), arg);
                    builder.parameter(kv[0], kv[1]);
                }
                case "--persist" -> builder.persist(true);
                case "--parameters-file" -> builder.parametersFile(Path.of(CliArgs.value(args, ++i, arg)).toAbsolutePath());
                case "--ssm-parameter" -> {
                    String[] kv = CliArgs.keyValue(CliArgs.value(args, ++i, arg), arg);
                    builder.ssmParameter(kv[0], kv[1]);
                }
                case "--free-ports" -> builder.ports(LocalCloudConfig.Ports.FREE);
                case "--verbose", "-v" -> verbose = true;
                case "--console-port" -> consolePort = Integer.parseInt(CliArgs.value(args, ++i, arg));
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> unknown.add(arg);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + unknown + "\n" + USAGE);
        }
        builder.dataDir(CliArgs.dataDir(dataDir));
        return new Options(builder.build(), verbose, consolePort);
    }
}
