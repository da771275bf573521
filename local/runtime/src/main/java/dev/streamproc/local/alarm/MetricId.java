package dev.streamproc.local.alarm;

import java.util.Map;
import java.util.TreeMap;

/** A CloudWatch metric: namespace, name and the full set of dimensions (an alarm names all of them, as in AWS). */
public record MetricId(String namespace, String name, Map<String, String> dimensions) {

    public MetricId {
        dimensions = java.util.Collections.unmodifiableMap(new TreeMap<>(dimensions));
    }

    public static MetricId of(String namespace, String name, String dimension, String value) {
        return new MetricId(namespace, name, Map.of(dimension, value));
    }

    @Override
    public String toString() {
        return namespace + " " + name + (dimensions.isEmpty() ? "" : " " + dimensions);
    }
}
