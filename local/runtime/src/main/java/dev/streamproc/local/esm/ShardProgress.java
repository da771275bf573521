package dev.streamproc.local.esm;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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
    public synchronized Optional<String> advance() {
        String moved = null;
        Iterator<Map.Entry<String, Boolean>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Boolean> head = it.next();
            if (!head.getValue()) {
                break;
            }
            moved = head.getKey();
            it.remove();
        }
        if (moved != null) {
            checkpoint = moved;
        }
        return Optional.ofNullable(moved);
    }

    public synchronized int inFlight() {
        return pending.size();
    }

    public synchronized String checkpoint() {
        return checkpoint;
    }
}
