package dev.streamproc.lambdakit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The items one invocation will write, one per key. BatchWriteItem refuses two writes of the
 * same key in one call, and a redelivered record carries the same content, so the last write
 * of a key wins; every stream record that produced the key stays its owner, so a failed write
 * reports all of them.
 *
 * @param <K> the table's primary key
 * @param <V> the item
 */
public final class WritePlan<K, V> {

    private final Map<K, V> items = new LinkedHashMap<>();
    private final Map<K, Set<String>> owners = new LinkedHashMap<>();
    private int collapsedDuplicates;

    public void add(K key, V item, String sequenceNumber) {
        if (items.put(key, item) != null) {
            collapsedDuplicates++;
        }
        owners.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(sequenceNumber);
    }

    public Map<K, V> items() {
        return items;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** Records that repeated a key already in this plan (redeliveries within one batch). */
    public int collapsedDuplicates() {
        return collapsedDuplicates;
    }

    /**
     * The sequence numbers to report as {@code batchItemFailures}: every record that owns at
     * least one unwritten item, in delivery order. Empty means the batch succeeded.
     */
    public List<String> sequenceNumbersToRetry(List<String> deliveryOrder, Collection<K> unwritten) {
        if (unwritten.isEmpty()) {
            return List.of();
        }
        Set<String> failed = new HashSet<>();
        for (K key : unwritten) {
            failed.addAll(owners.getOrDefault(key, Set.of()));
        }
        List<String> inOrder = new ArrayList<>();
        for (String sequenceNumber : deliveryOrder) {
            if (failed.remove(sequenceNumber)) {
                inOrder.add(sequenceNumber);
            }
        }
        return inOrder;
    }
}
