package dev.streamproc.local.esm;

import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.stream.CheckpointStore;
import dev.streamproc.local.stream.ShardDiscovery;
import dev.streamproc.local.stream.StreamSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    private volatile EsmSettings settings;
    private volatile Instant lastModified = Instant.now();
    private final LambdaInvoker invoker;
    private final FailureDestination onFailure;
    private final StreamSource source;
    private final CheckpointStore checkpoints;
    private final EsmMetrics metrics = new EsmMetrics();
    private BatchRunner runner;
    private final EventFormat format;
    private final RecordFilter filter;
    private final List<ShardPoller> pollers = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private ShardDiscovery discovery;

    public EventSourceMapping(EsmSettings settings, StreamSource source, EventFormat format, LambdaInvoker invoker,
                              FailureDestination onFailure, Path dataDir) {
        this(settings, source, format, invoker, onFailure, dataDir, RecordFilter.NONE);
    }

    /** A mapping whose records pass {@code filter} (its FilterCriteria) before batching. */
    public EventSourceMapping(EsmSettings settings, StreamSource source, EventFormat format, LambdaInvoker invoker,
                              FailureDestination onFailure, Path dataDir, RecordFilter filter) {
        this.settings = settings;
        this.invoker = invoker;
        this.onFailure = onFailure;
        this.filter = filter;
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
        ShardPoller poller = new ShardPoller(settings, source, shardId, checkpoints, metrics, format, runner, filter);
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

    /** When the settings last changed (creation or {@link #update}), as the Lambda API reports {@code LastModified}. */
    public Instant lastModified() {
        return lastModified;
    }

    /**
     * Applies changed settings the way UpdateEventSourceMapping does: the pollers stop (an in-flight batch gets 5 s
     * to finish), and start again with the new settings from the checkpoints when the mapping is enabled.
     */
    public synchronized void update(EsmSettings next) {
        if (!next.functionArn().equals(settings.functionArn()) || !next.streamArn().equals(settings.streamArn())) {
            throw new IllegalArgumentException("an update cannot change the function or the stream of a mapping");
        }
        stop(5000);
        settings = next;
        runner = new BatchRunner(next, invoker, format, onFailure, metrics, Clock.systemUTC());
        lastModified = Instant.now();
        start();
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
