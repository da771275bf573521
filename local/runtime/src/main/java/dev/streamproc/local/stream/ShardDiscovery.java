package dev.streamproc.local.stream;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one reader per shard as the stream changes: lists the shards now and every {@code interval}, and starts
 * a reader for a new shard once the readers of its parents (after a split or merge) have finished, so a
 * partition key's records are still handled in order across a reshard. A parent that is no longer listed
 * (trimmed) does not hold its children back.
 */
public final class ShardDiscovery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardDiscovery.class);

    private final StreamSource source;
    private final Duration interval;
    private final Function<String, Thread> startReader;
    private final Map<String, Thread> readers = new ConcurrentHashMap<>();
    private final Thread loop;
    private volatile boolean running = true;
    /** Only for its log lines: a server that is down is reported once, not at every interval. */
    private final ReadRetry listing = new ReadRetry();

    /** @param startReader starts the reader of a shard and returns its (started) thread, which ends when the shard is done */
    public ShardDiscovery(StreamSource source, Duration interval, Function<String, Thread> startReader, String threadName) {
        this.source = source;
        this.interval = interval;
        this.startReader = startReader;
        scan();
        this.loop = new Thread(this::run, threadName);
        loop.setDaemon(true);
        loop.start();
    }

    public int readers() {
        return readers.size();
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            String what = "listing the shards of " + source.streamArn() + " on " + source.server();
            try {
                scan();
                listing.succeeded(System.nanoTime(), what).ifPresent(LOG::info);
            } catch (RuntimeException e) {
                listing.failed(System.nanoTime(), what, String.valueOf(e.getMessage())).ifPresent(LOG::warn);
            }
        }
    }

    synchronized void scan() {
        List<StreamSource.Shard> shards = source.shards();
        Set<String> listed = new HashSet<>();
        shards.forEach(s -> listed.add(s.id()));
        for (StreamSource.Shard shard : shards) {
            if (readers.containsKey(shard.id()) || !running) {
                continue;
            }
            boolean parentsDone = shard.parentIds().stream().filter(listed::contains)
                    .allMatch(parent -> readers.containsKey(parent) && !readers.get(parent).isAlive());
            if (parentsDone) {
                readers.put(shard.id(), startReader.apply(shard.id()));
            }
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
    }
}
