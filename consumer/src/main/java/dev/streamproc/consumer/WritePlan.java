package dev.streamproc.consumer;

import dev.streamproc.lambdakit.ByteHead;
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
 * same key in one call, and a redelivered tweet carries the same content, so the last write of
 * a key wins; every record that produced the key stays its owner, so a failed write reports
 * all of them.
 */
public final class WritePlan {

    private final Map<ItemKey, Map<String, Object>> items = new LinkedHashMap<>();
    private final Map<ItemKey, Set<String>> owners = new LinkedHashMap<>();
    /** The user record bytes each item came from (the last one for a repeated key), for a rejection's log line. */
    private final Map<ItemKey, byte[]> sources = new LinkedHashMap<>();
    private int collapsedDuplicates;

    void add(ItemKey key, Map<String, Object> attributes, String sequenceNumber) {
        add(key, attributes, sequenceNumber, new byte[0]);
    }

    void add(ItemKey key, Map<String, Object> attributes, String sequenceNumber, byte[] source) {
        sources.put(key, source);
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

    /**
     * The items DynamoDB refused, as rejections: where the item came from (its own lineage attributes) and why.
     * A refused item counts once, like the item it would have been.
     */
    List<Rejection> rejectionsOf(Map<ItemKey, String> refused) {
        List<Rejection> rejections = new ArrayList<>(refused.size());
        refused.forEach((key, reason) -> {
            Map<String, Object> item = items.get(key);
            Object subSequenceNumber = item.get("SubSequenceNumber");
            rejections.add(new Rejection(String.valueOf(item.get("ShardId")), String.valueOf(item.get("SequenceNumber")),
                    subSequenceNumber instanceof Number number ? number.longValue() : 0, reason,
                    ByteHead.escape(sources.getOrDefault(key, new byte[0]))));
        });
        return rejections;
    }

    Set<String> ownersOf(Collection<ItemKey> keys) {
        Set<String> sequenceNumbers = new HashSet<>();
        for (ItemKey key : keys) {
            sequenceNumbers.addAll(owners.getOrDefault(key, Set.of()));
        }
        return sequenceNumbers;
    }
}
