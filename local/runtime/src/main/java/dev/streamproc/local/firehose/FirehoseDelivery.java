package dev.streamproc.local.firehose;

import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.stream.CheckpointStore;
import dev.streamproc.local.stream.KplUserRecords;
import dev.streamproc.local.stream.ShardCursor;
import dev.streamproc.local.stream.ShardDiscovery;
import dev.streamproc.local.stream.StartPosition;
import dev.streamproc.local.stream.StreamRecord;
import dev.streamproc.local.stream.StreamSource;
import dev.streamproc.model.kpl.UserRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Firehose delivery stream with a Kinesis source: reads every shard of the stream itself (TRIM_HORIZON the
 * first time, then after its checkpoints), de-aggregates KPL records, buffers for the Lambda processor (size /
 * interval), writes Ok rows to S3 under the destination prefix and failed records under the error prefix, with
 * the destination's buffering hints. A shard's checkpoint only passes records that are stored, dropped, or
 * written as failed; {@link #close()} flushes every buffer first, so nothing buffered is lost.
 */
public final class FirehoseDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FirehoseDelivery.class);
    private static final int GET_RECORDS_LIMIT = 10_000;

    private final FirehoseSettings settings;
    private final StreamSource source;
    private final S3Client s3;
    private final CheckpointStore checkpoints;
    private final Processor processor;
    private final FirehoseMetrics metrics = new FirehoseMetrics();
    private final BlockingQueue<FirehoseRecord> inbox = new LinkedBlockingQueue<>(50_000);
    private final List<Thread> readers = new CopyOnWriteArrayList<>();
    private ShardDiscovery discovery;
    private Thread deliverer;
    private volatile boolean reading = true;
    private volatile boolean delivering = true;
    private volatile boolean flushRequested;

    // Owned by the delivery thread.
    private final List<FirehoseRecord> processorBatch = new ArrayList<>();
    private long processorBytes;
    private long processorBatchStartNanos;
    private final S3Buffer rows = new S3Buffer();
    private final S3Buffer errors = new S3Buffer();
    private final Map<String, String> processedUpTo = new HashMap<>();
    private long droppedPending;

    public FirehoseDelivery(FirehoseSettings settings, StreamSource source, LambdaInvoker invoker, S3Client s3, Path dataDir) {
        S3KeyScheme.validate(settings.prefix(), false);
        S3KeyScheme.validate(settings.errorOutputPrefix(), true);
        this.settings = settings;
        this.source = source;
        this.s3 = s3;
        this.checkpoints = new CheckpointStore(dataDir, "firehose-" + settings.name());
        this.processor = settings.hasProcessor() ? new Processor(settings, invoker, metrics, Clock.systemUTC()) : null;
    }

    public synchronized FirehoseDelivery start() {
        discovery = new ShardDiscovery(source, Duration.ofMillis(Math.max(1000, settings.idlePollInterval().toMillis() * 10)),
                shardId -> {
                    Thread t = new Thread(() -> read(shardId), "firehose-" + settings.name() + "-" + shardId);
                    t.setDaemon(true);
                    readers.add(t);
                    t.start();
                    return t;
                }, "firehose-" + settings.name() + "-shards");
        deliverer = new Thread(this::deliver, "firehose-" + settings.name() + "-delivery");
        deliverer.setDaemon(true);
        deliverer.start();
        LOG.info("delivery stream {}: {} shard(s) of {} → s3://{}/{} (processor {}: {} B / {}; S3 {} B / {})", settings.name(),
                readers.size(), settings.sourceStreamArn(), settings.bucket(), settings.prefix(), settings.lambdaArn(),
                settings.processorBufferBytes(), settings.processorBufferInterval(), settings.s3BufferBytes(), settings.s3BufferInterval());
        return this;
    }

    public FirehoseSettings settings() {
        return settings;
    }

    public FirehoseMetrics.Snapshot metrics() {
        return metrics.snapshot();
    }

    /** The live counters (the local alarms sample S3 puts and data freshness from them). */
    public FirehoseMetrics liveMetrics() {
        return metrics;
    }

    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    /** Asks the delivery thread to invoke the processor and write S3 objects now, whatever the buffering hints say. */
    public void flushNow() {
        flushRequested = true;
    }

    private void read(String shardId) {
        StartPosition start = checkpoints.read(shardId).map(StartPosition::afterSequenceNumber).orElse(StartPosition.trimHorizon());
        ShardCursor cursor = new ShardCursor(source, shardId, start);
        try {
            while (reading && !cursor.closed()) {
                StreamSource.Page page = cursor.next(GET_RECORDS_LIMIT);
                if (page.records().isEmpty()) {
                    Thread.sleep(settings.idlePollInterval().toMillis());
                    continue;
                }
                for (StreamRecord record : page.records()) {
                    metrics.kinesisRecordsIn.incrementAndGet();
                    List<UserRecord> users = KplUserRecords.of(record);
                    Instant arrival = record.approximateArrivalTimestamp() == null ? Instant.now() : record.approximateArrivalTimestamp();
                    for (int i = 0; i < users.size(); i++) {
                        UserRecord user = users.get(i);
                        inbox.put(new FirehoseRecord(recordId(record.sequenceNumber(), user.subSequenceNumber()), user.data(), arrival,
                                shardId, user.partitionKey(), record.sequenceNumber(), user.subSequenceNumber(), i == users.size() - 1));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sequence number and zero-padded subsequence number: unique per user record, like Firehose's ids. */
    static String recordId(String sequenceNumber, long subSequenceNumber) {
        return sequenceNumber + String.format("%06d", subSequenceNumber);
    }

    private void deliver() {
        try {
            while (delivering || !inbox.isEmpty()) {
                FirehoseRecord record = inbox.poll(50, TimeUnit.MILLISECONDS);
                if (record != null) {
                    take(record);
                    inbox.drainTo(new ListSink(this), 999);
                }
                boolean flush = flushRequested;
                if (flush) {
                    flushRequested = false;
                }
                if (!processorBatch.isEmpty() && (flush || processorBytes >= settings.processorBufferBytes()
                        || System.nanoTime() - processorBatchStartNanos >= settings.processorBufferInterval().toNanos())) {
                    runProcessor();
                }
                if (flush || rows.size() >= settings.s3BufferBytes() || errors.size() >= settings.s3BufferBytes()
                        || Math.max(rows.ageNanos(), errors.ageNanos()) >= settings.s3BufferInterval().toNanos()) {
                    writeObjects();
                }
            }
            // Shutdown: everything taken in goes through the processor and into S3 before the checkpoints move.
            if (!processorBatch.isEmpty()) {
                runProcessor();
            }
            writeObjects();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("{}: delivery interrupted; records not yet stored will be read again on the next start", settings.name());
        }
    }

    /** Lets {@code drainTo} feed {@link #take} without an intermediate list. */
    private static final class ListSink extends java.util.AbstractCollection<FirehoseRecord> {
        private final FirehoseDelivery owner;

        ListSink(FirehoseDelivery owner) {
            this.owner = owner;
        }

        @Override
        public boolean add(FirehoseRecord r) {
            owner.take(r);
            return true;
        }

        @Override
        public java.util.Iterator<FirehoseRecord> iterator() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public int size() {
            return 0;
        }
    }

    private void take(FirehoseRecord record) {
        if (processorBatch.isEmpty()) {
            processorBatchStartNanos = System.nanoTime();
        }
        metrics.recordsIn.incrementAndGet();
        processorBatch.add(record);
        processorBytes += record.data().length;
        if (processorBytes >= settings.processorBufferBytes()) {
            try {
                runProcessor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        notePending();
    }

    /** The arrival of the oldest record not yet in S3, for DeliveryToS3.DataFreshness. */
    private void notePending() {
        long oldest = 0;
        for (Instant arrival : new Instant[] {processorBatch.isEmpty() ? null : processorBatch.get(0).approximateArrivalTimestamp(),
                rows.oldestArrival(), errors.oldestArrival()}) {
            if (arrival != null && (oldest == 0 || arrival.toEpochMilli() < oldest)) {
                oldest = arrival.toEpochMilli();
            }
        }
        metrics.oldestPendingMillis = oldest;
    }

    private void runProcessor() throws InterruptedException {
        List<FirehoseRecord> batch = List.copyOf(processorBatch);
        processorBatch.clear();
        processorBytes = 0;
        List<Outcome> outcomes;
        if (processor == null) {
            outcomes = batch.stream().map(r -> Outcome.ok(r, r.data())).toList();
        } else {
            outcomes = processor.process(batch);
        }
        for (Outcome o : outcomes) {
            switch (o.result()) {
                case OK -> {
                    rows.add(o.data(), o.record().approximateArrivalTimestamp());
                }
                case DROPPED -> droppedPending++;
                case PROCESSING_FAILED -> errors.add(ErrorLine.of(o, settings.lambdaArn()), o.record().approximateArrivalTimestamp());
            }
        }
        for (FirehoseRecord r : batch) {
            if (r.lastOfKinesisRecord()) {
                processedUpTo.put(r.shardId(), r.sequenceNumber());
            }
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            commitCheckpoints();
        }
        metrics.dropped.addAndGet(droppedPending);
        droppedPending = 0;
        if (rows.size() >= settings.s3BufferBytes() || errors.size() >= settings.s3BufferBytes()) {
            writeObjects();
        }
        notePending();
    }

    private void writeObjects() throws InterruptedException {
        int okRows = rows.records();
        int failedRows = errors.records();
        if (okRows > 0) {
            put(rows, false);
        }
        if (failedRows > 0) {
            put(errors, true);
        }
        rows.clear();
        errors.clear();
        commitCheckpoints();
        // Counted once stored and checkpointed, so "nothing in flight" means both.
        if (okRows > 0) {
            metrics.ok.addAndGet(okRows);
            metrics.objectsWritten.incrementAndGet();
        }
        if (failedRows > 0) {
            metrics.processingFailed.addAndGet(failedRows);
            metrics.errorObjectsWritten.incrementAndGet();
        }
        notePending();
    }

    private void put(S3Buffer buffer, boolean error) throws InterruptedException {
        String prefix = S3KeyScheme.prefix(error ? settings.errorOutputPrefix() : settings.prefix(), error, buffer.oldestArrival());
        String key = prefix + S3KeyScheme.suffix(settings.name(), settings.version(), Instant.now(), settings.objectExtension());
        byte[] body = buffer.content(settings.gzip());
        while (true) {
            try {
                metrics.s3PutAttempts.incrementAndGet();
                s3.putObject(r -> r.bucket(settings.bucket()).key(key), RequestBody.fromBytes(body));
                metrics.s3PutSuccesses.incrementAndGet();
                LOG.debug("{}: wrote s3://{}/{} ({} records)", settings.name(), settings.bucket(), key, buffer.records());
                return;
            } catch (RuntimeException e) {
                // Firehose keeps retrying S3; the records stay un-checkpointed meanwhile.
                LOG.warn("{}: cannot write s3://{}/{}: {}; retrying", settings.name(), settings.bucket(), key, e.toString());
                Thread.sleep(1000);
            }
        }
    }

    private void commitCheckpoints() {
        processedUpTo.forEach(checkpoints::write);
        processedUpTo.clear();
    }

    /** Stops reading, runs what was taken in through the processor, writes every buffer to S3, then checkpoints. */
    @Override
    public synchronized void close() {
        reading = false;
        if (discovery != null) {
            discovery.close();
        }
        try {
            for (Thread t : readers) {
                t.interrupt();
                t.join(5000);
            }
            delivering = false;
            if (deliverer != null) {
                deliverer.join(120_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readers.clear();
    }
}
