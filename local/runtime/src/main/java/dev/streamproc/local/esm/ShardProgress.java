package dev.streamproc.local.esm;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Which records of a shard are read but not yet handled. Batches may finish out of order (parallelization
 * factor), but the checkpoint only moves past a record once every record read before it is handled.
 */
public final class ShardProgress {

    private final LinkedHashMap<String, Boolean> pending = new LinkedHashMap<>();
    private String checkpoint;

    public synchronized void read(Iterable<String> sequenceNumbers) {
        for (String seq : sequenceNumbers) {
            pending.put(seq, Boolean.FALSE);
        }
    }

    public synchronized void handled(String sequenceNumber) {
        pending.computeIfPresent(sequenceNumber, (k, v) -> Boolean.TRUE);
    }

    /** Moves the checkpoint over the handled records at the front; returns it when it moved. */
    public Optional<String> advance() {
        return advance(seq -> { });
    }

    /**
     * Moves the checkpoint and has {@code persist} store it before the records leave the in-flight count, so
     * "nothing in flight" always means "checkpoint stored".
     */
    public synchronized Optional<String> advance(Consumer<String> persist) {
        String moved = null;
        int count = 0;
        for (Map.Entry<String, Boolean> entry : pending.entrySet()) {
            if (!entry.getValue()) {
                break;
            }
            moved = entry.getKey();
            count++;
        }
        if (moved == null) {
            return Optional.empty();
        }
        persist.accept(moved);
        Iterator<Map.Entry<String, Boolean>> it = pending.entrySet().iterator();
        for (int i = 0; i < count; i++) {
            it.next();
            it.remove();
        }
        checkpoint = moved;
        return Optional.of(moved);
    }

    public synchronized int inFlight() {
        return pending.size();
    }

    public synchronized String checkpoint() {
        return checkpoint;
    }
}
