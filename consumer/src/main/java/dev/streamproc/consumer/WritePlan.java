package dev.streamproc.consumer;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The items one invocation will write, one per key. BatchWriteItem refuses two writes of the
 * same key in one call, and a redelivered tweet carries the same content, so the last write of
 * a key wins; every record that produced the key stays its owner, so a failed write reports
 * all of them.
 */
public final class WritePlan {

    private final Map<ItemKey, Map<String, Object>> items = new LinkedHashMap<>();
    private final Map<ItemKey, Set<String>> owners = new LinkedHashMap<>();
    private int collapsedDuplicates;

    void add(ItemKey key, Map<String, Object> attributes, String sequenceNumber) {
        if (items.put(key, attributes) != null) {
            collapsedDuplicates++;
        }
        owners.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(sequenceNumber);
    }

    public Map<ItemKey, Map<String, Object>> items() {
        return items;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** User records that repeated a key already in this plan (redeliveries within one batch). */
    public int collapsedDuplicates() {
        return collapsedDuplicates;
    }

    Set<String> ownersOf(Collection<ItemKey> keys) {
        Set<String> sequenceNumbers = new HashSet<>();
        for (ItemKey key : keys) {
            sequenceNumbers.addAll(owners.getOrDefault(key, Set.of()));
        }
        return sequenceNumbers;
    }
}
