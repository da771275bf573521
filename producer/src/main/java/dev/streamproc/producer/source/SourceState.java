package dev.streamproc.producer.source;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A source's position between runs: a small string map (topic → since_id, replay offset,
 * synthetic next index). Persisted as one JSON object by a {@link SourceStateStore}.
 */
public final class SourceState {

    private final TreeMap<String, String> values;

    public SourceState(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    public static SourceState empty() {
        return new SourceState(Map.of());
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public long getLong(String key, long fallback) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("source state '" + key + "' is not a number: " + v, e);
        }
    }

    public void put(String key, String value) {
        values.put(key, value);
    }

    public Map<String, String> asMap() {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public SourceState copy() {
        return new SourceState(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
