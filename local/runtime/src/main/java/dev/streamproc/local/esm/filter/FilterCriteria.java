package dev.streamproc.local.esm.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A mapping's {@code FilterCriteria}: a record passes when any of its patterns matches (OR across filters), as the
 * AWS Lambda developer guide describes event filtering. Patterns are checked when the mapping is configured: a
 * malformed one (bad JSON, an unknown operator, a rule that is not a list) is an {@link IllegalArgumentException}.
 */
public final class FilterCriteria {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final FilterCriteria NONE = new FilterCriteria(List.of());

    private final List<EventPattern> patterns;

    private FilterCriteria(List<EventPattern> patterns) {
        this.patterns = patterns;
    }

    /** Reads the {@code Pattern} strings (JSON text) of the {@code Filters} list. */
    public static FilterCriteria of(List<String> patterns) {
        List<EventPattern> parsed = new ArrayList<>();
        for (String pattern : patterns) {
            JsonNode node;
            try {
                node = JSON.readTree(pattern);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("filter pattern is not JSON: " + pattern.replaceAll("\\s+", " "));
            }
            if (node == null) {
                throw new IllegalArgumentException("filter pattern is empty");
            }
            parsed.add(EventPattern.parse(node));
        }
        return new FilterCriteria(List.copyOf(parsed));
    }

    /**
     * Reads a template's {@code FilterCriteria} property ({@code {Filters: [{Pattern: "..."}]}}); a pattern given as
     * a YAML map instead of a JSON string is accepted too. Null means no filtering.
     */
    public static FilterCriteria fromProperty(Object property) {
        if (property == null) {
            return NONE;
        }
        if (!(property instanceof Map<?, ?> criteria) || !(criteria.get("Filters") instanceof Collection<?> filters)) {
            throw new IllegalArgumentException("FilterCriteria needs a Filters list, was " + property);
        }
        List<String> patterns = new ArrayList<>();
        for (Object filter : filters) {
            Object pattern = filter instanceof Map<?, ?> f ? f.get("Pattern") : null;
            if (pattern instanceof String text) {
                patterns.add(text);
            } else if (pattern instanceof Map<?, ?> map) {
                try {
                    patterns.add(JSON.writeValueAsString(map));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("bad filter pattern " + map);
                }
            } else {
                throw new IllegalArgumentException("each filter needs a Pattern, was " + filter);
            }
        }
        return of(patterns);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** True when there are no filters or any pattern matches {@code document}. */
    public boolean matches(JsonNode document) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matches(document));
    }
}
