package dev.streamproc.local;

import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.lambda.LocalLambda;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The whole stack of a template running locally: the local cloud and, beside it, the {@link LocalRuntime}. The one
 * place the two are wired together ({@code up}, {@code demo}): the runtime is registered with the cloud, so closing
 * the cloud (or the JVM exiting) stops the runtime first, then the servers.
 */
public final class LocalPipeline implements AutoCloseable {

    private final LocalCloud cloud;
    private final LocalRuntime runtime;
    private final Duration readyTime;

    private LocalPipeline(LocalCloud cloud, LocalRuntime runtime, Duration readyTime) {
        this.cloud = cloud;
        this.runtime = runtime;
        this.readyTime = readyTime;
    }

    /** The demo's pipeline: no schedules (the demo runs the producer itself). */
    public static LocalPipeline start(LocalCloudConfig config, PrintStream console, boolean verbose, LocalRuntime.Tuning tuning) {
        return start(config, LocalRuntime.Settings.of(console, verbose).withoutSchedules().withTuning(tuning), cloud -> { });
    }

    /**
     * Starts the cloud, tells {@code whenCloudIsUp} (e.g. to print the endpoints), then starts the runtime; when the
     * runtime fails to start, no server outlives it.
     */
    public static LocalPipeline start(LocalCloudConfig config, LocalRuntime.Settings settings, Consumer<LocalCloud> whenCloudIsUp) {
        long begin = System.nanoTime();
        LocalCloud cloud = LocalCloud.start(config);
        try {
            whenCloudIsUp.accept(cloud);
            LocalRuntime runtime = LocalRuntime.start(cloud.template(), cloud.endpoints(), cloud.dataDir(), settings);
            cloud.closeBefore(runtime);
            return new LocalPipeline(cloud, runtime, Duration.ofNanos(System.nanoTime() - begin));
        } catch (RuntimeException | Error e) {
            cloud.close();
            throw e;
        }
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public LocalRuntime runtime() {
        return runtime;
    }

    public LocalLambda lambda() {
        return runtime.lambda();
    }

    public List<EventSourceMapping> mappings() {
        return runtime.mappings();
    }

    public List<FirehoseDelivery> deliveries() {
        return runtime.deliveries();
    }

    /** From start to everything ready: servers up, stack deployed, pollers and deliveries running. */
    public Duration readyTime() {
        return readyTime;
    }

    /** The runtime first (its buffers flush to S3; it stops quietly), then the servers. */
    @Override
    public void close() {
        try {
            cloud.close();
        } catch (RuntimeException e) {
            System.err.println("warning: while stopping the local cloud: " + e.getMessage());
        }
    }
}
