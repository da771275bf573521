package dev.streamproc.local.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics in one log line written in CloudWatch's embedded metric format (the EMF specification: a JSON object
 * whose {@code _aws} member has a {@code Timestamp} and {@code CloudWatchMetrics} directives, each with a
 * {@code Namespace}, {@code Dimensions} (arrays of dimension keys) and {@code Metrics} ({@code Name}, {@code Unit});
 * values and dimension values are members of the root; a value may be an array of values). One metric per dimension
 * set, as CloudWatch Logs extracts them. A line that is not EMF gives nothing.
 */
public final class EmfLine {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One extracted value. */
    public record Sample(MetricId metric, long epochMillis, double value, String unit) {
    }

    private EmfLine() {
    }

    public static List<Sample> parse(String line) {
        String text = line.strip();
        if (!text.startsWith("{") || !text.contains("\"_aws\"")) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (Exception notJson) {
            return List.of();
        }
        JsonNode aws = root.path("_aws");
        if (!aws.path("Timestamp").canConvertToLong() || !aws.path("CloudWatchMetrics").isArray()) {
            return List.of();
        }
        long timestamp = aws.path("Timestamp").asLong();
        List<Sample> samples = new ArrayList<>();
        for (JsonNode directive : aws.path("CloudWatchMetrics")) {
            String namespace = directive.path("Namespace").asText(null);
            if (namespace == null || namespace.isEmpty()) {
                continue;
            }
            List<Map<String, String>> dimensionSets = new ArrayList<>();
            for (JsonNode set : directive.path("Dimensions")) {
                Map<String, String> dimensions = new LinkedHashMap<>();
                boolean complete = true;
                for (JsonNode key : set) {
                    JsonNode value = root.get(key.asText());
                    if (value == null || !value.isTextual()) {
                        complete = false; // a dimension without a string value makes the directive invalid for that set
                        break;
                    }
                    dimensions.put(key.asText(), value.asText());
                }
                if (complete) {
                    dimensionSets.add(dimensions);
                }
            }
            if (!directive.has("Dimensions")) {
                dimensionSets.add(Map.of());
            }
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText(null);
                JsonNode value = name == null ? null : root.get(name);
                if (value == null) {
                    continue;
                }
                String unit = metric.path("Unit").asText("None");
                List<Double> values = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(v -> {
                        if (v.isNumber()) {
                            values.add(v.asDouble());
                        }
                    });
                } else if (value.isNumber()) {
                    values.add(value.asDouble());
                }
                for (Map<String, String> dimensions : dimensionSets) {
                    for (double v : values) {
                        samples.add(new Sample(new MetricId(namespace, name, dimensions), timestamp, v, unit));
                    }
                }
            }
        }
        return samples;
    }
}
