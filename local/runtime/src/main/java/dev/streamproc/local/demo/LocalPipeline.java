package dev.streamproc.local.demo;

import dev.streamproc.local.LocalRuntime;
import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.lambda.LocalLambda;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The whole stack of template.yaml running locally: the local cloud and, beside it, the {@link LocalRuntime}
 * without schedules (the demo runs the producer itself).
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

    public static LocalPipeline start(LocalCloudConfig config, PrintStream console, boolean verbose, LocalRuntime.Tuning tuning) {
        long begin = System.nanoTime();
        LocalCloud cloud = LocalCloud.start(config);
        try {
            LocalRuntime runtime = LocalRuntime.start(cloud.template(), cloud.endpoints(), cloud.dataDir(),
                    LocalRuntime.Settings.of(console, verbose).withoutSchedules().withTuning(tuning));
            return new LocalPipeline(cloud, runtime, Duration.ofNanos(System.nanoTime() - begin));
        } catch (RuntimeException | Error e) {
            cloud.close(); // no server outlives a runtime that failed to start
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
        runtime.close();
        try {
            cloud.close();
        } catch (RuntimeException e) {
            System.err.println("warning: while stopping the local cloud: " + e.getMessage());
        }
    }
}
