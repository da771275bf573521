package dev.streamproc.local.esm;

import dev.streamproc.local.stream.CheckpointStore;
import dev.streamproc.local.stream.ShardCursor;
import dev.streamproc.local.stream.StartPosition;
import dev.streamproc.local.stream.StreamRecord;
import dev.streamproc.local.stream.StreamSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard of one mapping: polls GetRecords (again at once while records come, every idle poll interval
 * when none do), routes each record to a lane by the hash of its partition key (so one key's records stay in
 * order), and writes the shard's checkpoint as the handled prefix grows.
 */
final class ShardPoller implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardPoller.class);
    private static final int GET_RECORDS_LIMIT = 10_000;

    private final EsmSettings settings;
    private final StreamSource source;
    private final String shardId;
    private final CheckpointStore checkpoints;
    private final EsmMetrics metrics;
    private final RecordFilter filter;
    private final ShardProgress progress = new ShardProgress();
    private final List<Lane> lanes = new ArrayList<>();
    private final List<Thread> laneThreads = new ArrayList<>();
    private volatile boolean running = true;
    /** Every record that arrived before this instant has been read (the last GetRecords that came back empty began then). */
    private volatile Instant readUpTo;
    private volatile boolean shardEnded;

    ShardPoller(EsmSettings settings, StreamSource source, String shardId, CheckpointStore checkpoints, EsmMetrics metrics,
                EventFormat format, BatchRunner runner, RecordFilter filter) {
        this.settings = settings;
        this.filter = filter;
        this.source = source;
        this.shardId = shardId;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        for (int i = 0; i < settings.parallelizationFactor(); i++) {
            ShardWindows windows = settings.tumblingWindow() == null ? null
                    : new ShardWindows(settings, shardId, format, runner, runner.invoker(), metrics);
            lanes.add(new Lane(settings, format, runner, this, windows));
        }
        metrics.track(shardId, progress);
    }

    static int laneOf(String partitionKey, int lanes) {
        return Math.floorMod(partitionKey == null ? 0 : partitionKey.hashCode(), lanes);
    }

    @Override
    public void run() {
        for (int i = 0; i < lanes.size(); i++) {
            Thread t = new Thread(lanes.get(i), "esm-" + settings.functionId() + "-" + shardId + "-lane" + i);
            t.setDaemon(true);
            laneThreads.add(t);
            t.start();
        }
        StartPosition start = checkpoints.read(shardId).map(StartPosition::afterSequenceNumber).orElse(settings.startingPosition());
        ShardCursor cursor = new ShardCursor(source, shardId, start);
        try {
            while (running && !cursor.closed()) {
                Instant asked = Instant.now();
                StreamSource.Page page = cursor.next(GET_RECORDS_LIMIT);
                metrics.millisBehind(shardId, page.millisBehindLatest());
                if (page.records().isEmpty()) {
                    readUpTo = asked;
                    Thread.sleep(settings.idlePollInterval().toMillis());
                    continue;
                }
                metrics.recordsRead.addAndGet(page.records().size());
                progress.read(page.records().stream().map(StreamRecord::sequenceNumber).toList());
                route(filtered(page.records()));
            }
            if (cursor.closed()) {
                shardEnded = true;
                // A closed shard is done once its last batch is handled: only then may its children start.
                while (running && progress.inFlight() > 0) {
                    Thread.sleep(20);
                }
                lanes.forEach(Lane::stop);
                LOG.info("{} {}: shard closed and fully handled", settings.functionId(), shardId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The records the filter accepts; the others are handled (checkpointed) at once, never delivered. */
    private List<StreamRecord> filtered(List<StreamRecord> records) {
        if (!filter.filters()) {
            return records;
        }
        List<StreamRecord> accepted = new ArrayList<>(records.size());
        List<StreamRecord> dropped = new ArrayList<>();
        for (StreamRecord r : records) {
            (filter.accepts(r) ? accepted : dropped).add(r);
        }
        if (!dropped.isEmpty()) {
            metrics.recordsFiltered.addAndGet(dropped.size());
            handled(dropped);
        }
        return accepted;
    }

    private void route(List<StreamRecord> records) throws InterruptedException {
        if (records.isEmpty()) {
            return;
        }
        if (lanes.size() == 1) {
            lanes.get(0).offer(records);
            return;
        }
        List<List<StreamRecord>> split = new ArrayList<>();
        lanes.forEach(l -> split.add(new ArrayList<>()));
        for (StreamRecord r : records) {
            split.get(laneOf(r.partitionKey(), lanes.size())).add(r);
        }
        for (int i = 0; i < lanes.size(); i++) {
            if (!split.get(i).isEmpty()) {
                lanes.get(i).offer(split.get(i));
            }
        }
    }

    /** Called by the lanes, in order within a lane, once records are delivered or given up on. */
    void handled(List<StreamRecord> records) {
        records.forEach(r -> progress.handled(r.sequenceNumber()));
        Optional<String> moved = progress.advance(seq -> checkpoints.write(shardId, seq));
        moved.ifPresent(seq -> LOG.debug("{} {} checkpoint {}", settings.functionId(), shardId, seq));
    }

    Instant readUpTo() {
        return readUpTo;
    }

    boolean shardEnded() {
        return shardEnded;
    }

    int inFlight() {
        return progress.inFlight();
    }

    void stop() {
        running = false;
        lanes.forEach(Lane::stop);
    }

    void awaitLanes(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        for (Thread t : laneThreads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (t.isAlive()) {
                t.interrupt();
                t.join(1000);
            }
        }
    }
}
