package dev.streamproc.local.esm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one event source mapping, for the demo's progress line and the tests' accounting. */
public final class EsmMetrics {

    final AtomicLong batchesInvoked = new AtomicLong();
    final AtomicLong recordsDelivered = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong recordsSentToOnFailure = new AtomicLong();
    final AtomicLong recordsDiscarded = new AtomicLong();
    final AtomicLong recordsRead = new AtomicLong();
    final AtomicLong recordsFiltered = new AtomicLong();
    private final Map<String, Long> millisBehindByShard = new ConcurrentHashMap<>();
    private final Map<String, ShardProgress> progressByShard = new ConcurrentHashMap<>();

    void track(String shardId, ShardProgress progress) {
        progressByShard.put(shardId, progress);
    }

    void millisBehind(String shardId, long millis) {
        millisBehindByShard.put(shardId, millis);
    }

    /**
     * @param recordsDelivered records of batches the function handled successfully
     * @param recordsDiscarded records given up on after retries / record age (sent to on-failure when configured)
     * @param recordsBehind    records read from the stream but not yet handled (checkpointed)
     * @param millisBehind     the largest MillisBehindLatest of the shards' last GetRecords
     * @param recordsFiltered  records the mapping's FilterCriteria dropped (checkpointed, never delivered)
     */
    public record Snapshot(long batchesInvoked, long recordsRead, long recordsDelivered, long retries, long recordsSentToOnFailure,
                           long recordsDiscarded, long recordsBehind, long millisBehind, long recordsFiltered) {
    }

    public Snapshot snapshot() {
        long behind = progressByShard.values().stream().mapToLong(ShardProgress::inFlight).sum();
        long millis = millisBehindByShard.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new Snapshot(batchesInvoked.get(), recordsRead.get(), recordsDelivered.get(), retries.get(),
                recordsSentToOnFailure.get(), recordsDiscarded.get(), behind, millis, recordsFiltered.get());
    }
}
