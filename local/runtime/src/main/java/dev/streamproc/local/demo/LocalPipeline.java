package dev.streamproc.local.demo;

import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.firehose.FirehoseDelivery;
import dev.streamproc.local.lambda.LocalLambda;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/** The whole stack of template.yaml running locally: the local cloud and, beside it, the {@link StackRuntime}. */
public final class LocalPipeline implements AutoCloseable {

    private final LocalCloud cloud;
    private final StackRuntime runtime;
    private final Duration readyTime;

    private LocalPipeline(LocalCloud cloud, StackRuntime runtime, Duration readyTime) {
        this.cloud = cloud;
        this.runtime = runtime;
        this.readyTime = readyTime;
    }

    public static LocalPipeline start(LocalCloudConfig config, PrintStream console, boolean verbose, StackRuntime.Tuning tuning) {
        long begin = System.nanoTime();
        LocalCloud cloud = LocalCloud.start(config);
        try {
            StackRuntime runtime = StackRuntime.start(cloud.template(), cloud.endpoints(), cloud.dataDir(), console, verbose, tuning);
            return new LocalPipeline(cloud, runtime, Duration.ofNanos(System.nanoTime() - begin));
        } catch (RuntimeException | Error e) {
            cloud.close(); // no server outlives a runtime that failed to start
            throw e;
        }
    }

    public LocalCloud cloud() {
        return cloud;
    }

    public StackRuntime runtime() {
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

    /** The runtime first (its buffers flush to S3), then the servers. */
    @Override
    public void close() {
        StackRuntime.quietly(runtime::close);
        StackRuntime.quietly(cloud::close);
    }
}
