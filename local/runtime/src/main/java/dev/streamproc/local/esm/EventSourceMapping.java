package dev.streamproc.local.esm;

import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.stream.CheckpointStore;
import dev.streamproc.local.stream.ShardDiscovery;
import dev.streamproc.local.stream.StreamSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda event source mapping on a stream: one poller per shard, batches invoked through {@link LambdaInvoker}
 * with Lambda's retry semantics, checkpoints under {@code <dataDir>/checkpoints/} so a restart resumes after
 * the last handled record (at-least-once: a batch in flight at a crash is delivered again).
 */
public final class EventSourceMapping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventSourceMapping.class);

    private final EsmSettings settings;
    private final StreamSource source;
    private final CheckpointStore checkpoints;
    private final EsmMetrics metrics = new EsmMetrics();
    private final BatchRunner runner;
    private final EventFormat format;
    private final List<ShardPoller> pollers = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private ShardDiscovery discovery;

    public EventSourceMapping(EsmSettings settings, StreamSource source, EventFormat format, LambdaInvoker invoker,
                              FailureDestination onFailure, Path dataDir) {
        this.settings = settings;
        this.source = source;
        this.format = format;
        this.checkpoints = new CheckpointStore(dataDir, "esm-" + settings.functionId() + "-" + lastSegment(settings.streamArn()));
        this.runner = new BatchRunner(settings, invoker, format, onFailure, metrics, Clock.systemUTC());
    }

    /** {@code arn:aws:kinesis:R:A:stream/S} → {@code stream/S}; a DynamoDB stream keeps its table and label. */
    private static String lastSegment(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 ? parts[5] : arn;
    }

    /** Starts one poller per shard (no-op when the mapping is disabled). */
    public synchronized EventSourceMapping start() {
        if (!settings.enabled()) {
            LOG.info("event source mapping {} → {} is disabled", settings.streamArn(), settings.functionId());
            return this;
        }
        Duration rescan = Duration.ofMillis(Math.max(1000, settings.idlePollInterval().toMillis() * 10));
        discovery = new ShardDiscovery(source, rescan, this::startPoller, "esm-" + settings.functionId() + "-shards");
        LOG.info("event source mapping {} → {}: {} shard(s), batch {}, window {}, parallelization {}", settings.streamArn(),
                settings.functionId(), pollers.size(), settings.batchSize(), settings.maximumBatchingWindow(),
                settings.parallelizationFactor());
        return this;
    }

    private Thread startPoller(String shardId) {
        ShardPoller poller = new ShardPoller(settings, source, shardId, checkpoints, metrics, format, runner);
        Thread t = new Thread(poller, "esm-" + settings.functionId() + "-" + shardId);
        t.setDaemon(true);
        pollers.add(poller);
        threads.add(t);
        t.start();
        return t;
    }

    public EsmSettings settings() {
        return settings;
    }

    public EsmMetrics.Snapshot metrics() {
        return metrics.snapshot();
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /**
     * Stops polling; a batch being invoked is allowed {@code graceMillis} to finish (it is checkpointed if it
     * does), after that it is abandoned un-checkpointed and will be delivered again on the next start.
     */
    public synchronized void stop(long graceMillis) {
        if (discovery != null) {
            discovery.close();
        }
        pollers.forEach(ShardPoller::stop);
        try {
            for (Thread t : threads) {
                t.interrupt();
                t.join(2000);
            }
            for (ShardPoller p : pollers) {
                p.awaitLanes(graceMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pollers.clear();
        threads.clear();
    }

    @Override
    public void close() {
        stop(5000);
    }
}
