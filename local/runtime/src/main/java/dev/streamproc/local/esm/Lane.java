package dev.streamproc.local.esm;

import dev.streamproc.local.stream.StreamRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One of a shard's {@code ParallelizationFactor} concurrent batch streams. It gathers a batch — until
 * {@code BatchSize} records, the batching window ends, or the next record would pass the payload limit —
 * and runs it to its end before the next one, which keeps the order of its records.
 */
final class Lane implements Runnable {

    private final BlockingQueue<List<StreamRecord>> inbox = new ArrayBlockingQueue<>(4);
    private final Deque<StreamRecord> pending = new ArrayDeque<>();
    private final EsmSettings settings;
    private final EventFormat format;
    private final BatchRunner runner;
    private final ShardPoller owner;
    /** The shard's tumbling windows, or null when the mapping has none. */
    private final ShardWindows windows;
    private final int maxPayloadBytes;
    private volatile boolean running = true;

    Lane(EsmSettings settings, EventFormat format, BatchRunner runner, ShardPoller owner, ShardWindows windows) {
        this.settings = settings;
        this.format = format;
        this.runner = runner;
        this.owner = owner;
        this.windows = windows;
        // Under a window the event also carries the state (up to 1 MB): the records get the rest of the payload limit.
        this.maxPayloadBytes = windows == null ? settings.maxPayloadBytes()
                : Math.max(settings.maxPayloadBytes() - WindowEvent.STATE_LIMIT_BYTES - 1024, settings.maxPayloadBytes() / 2);
    }

    /** Hands over records of one GetRecords page (whole, so a zero batching window sees the page at once). */
    void offer(List<StreamRecord> records) throws InterruptedException {
        while (running && !inbox.offer(records, 100, TimeUnit.MILLISECONDS)) {
            // wait for room: back-pressure on the poller
        }
    }

    void stop() {
        running = false;
    }

    boolean idle() {
        return inbox.isEmpty() && pending.isEmpty();
    }

    @Override
    public void run() {
        try {
            while (running) {
                List<StreamRecord> batch = collect();
                if (batch.isEmpty()) {
                    if (windows != null && idle() && !windows.closeIfOver(owner.readUpTo(), owner.shardEnded(), owner::handled)) {
                        return;
                    }
                    continue;
                }
                boolean done = windows == null ? runner.run(batch, owner::handled) : windows.run(batch, owner::handled);
                if (!done) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<StreamRecord> collect() throws InterruptedException {
        if (pending.isEmpty()) {
            List<StreamRecord> page = inbox.poll(100, TimeUnit.MILLISECONDS);
            if (page == null) {
                return List.of();
            }
            pending.addAll(page);
        }
        List<StreamRecord> batch = new ArrayList<>();
        long bytes = format.envelopeSize();
        long deadline = System.nanoTime() + settings.maximumBatchingWindow().toNanos();
        while (batch.size() < settings.batchSize() && running) {
            StreamRecord next = pending.peekFirst();
            if (next == null) {
                long waitNanos = deadline - System.nanoTime();
                if (waitNanos <= 0) {
                    break;
                }
                List<StreamRecord> page = inbox.poll(Math.min(waitNanos, 100_000_000L), TimeUnit.NANOSECONDS);
                if (page != null) {
                    pending.addAll(page);
                }
                continue;
            }
            int size = format.recordSize(next);
            if (!batch.isEmpty() && bytes + size > maxPayloadBytes) {
                break;
            }
            batch.add(pending.pollFirst());
            bytes += size;
        }
        return batch;
    }
}
