package dev.streamproc.local.esm.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One filter pattern: every key of the pattern must match the document (AND); a key's value list matches when any
 * element does (OR); {@code $or} holds alternative sub-patterns. Where the document has an array, a rule matches
 * when it matches one of its elements.
 */
final class EventPattern {

    private record Field(String name, EventPattern nested, List<Matcher> matchers) {
    }

    private final List<Field> fields;
    private final List<List<EventPattern>> alternatives;

    private EventPattern(List<Field> fields, List<List<EventPattern>> alternatives) {
        this.fields = fields;
        this.alternatives = alternatives;
    }

    static EventPattern parse(JsonNode pattern) {
        if (!pattern.isObject()) {
            throw new IllegalArgumentException("a filter pattern must be a JSON object, was " + pattern);
        }
        List<Field> fields = new ArrayList<>();
        List<List<EventPattern>> alternatives = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            if (e.getKey().equals("$or")) {
                if (!value.isArray() || value.size() < 2) {
                    throw new IllegalArgumentException("'$or' takes a list of at least two patterns");
                }
                List<EventPattern> options = new ArrayList<>();
                value.forEach(option -> options.add(parse(option)));
                alternatives.add(options);
            } else if (value.isObject()) {
                fields.add(new Field(e.getKey(), parse(value), null));
            } else if (value.isArray()) {
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("the rule list of '" + e.getKey() + "' is empty");
                }
                List<Matcher> matchers = new ArrayList<>();
                value.forEach(element -> matchers.add(Matchers.of(element)));
                fields.add(new Field(e.getKey(), null, matchers));
            } else {
                throw new IllegalArgumentException("the rules of '" + e.getKey() + "' must be a list, was " + value);
            }
        }
        if (fields.isEmpty() && alternatives.isEmpty()) {
            throw new IllegalArgumentException("a filter pattern must have at least one rule");
        }
        return new EventPattern(fields, alternatives);
    }

    /** @param node an object of the document, or a missing node where the document has none */
    boolean matches(JsonNode node) {
        for (Field field : fields) {
            JsonNode value = node.isObject() ? node.get(field.name) : null;
            if (!(field.nested != null ? matchesNested(field.nested, value) : matchesLeaf(field.matchers, value))) {
                return false;
            }
        }
        for (List<EventPattern> options : alternatives) {
            if (options.stream().noneMatch(option -> option.matches(node))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesNested(EventPattern nested, JsonNode value) {
        if (value != null && value.isArray()) {
            for (JsonNode element : value) {
                if (nested.matches(element)) {
                    return true;
                }
            }
            return false;
        }
        return nested.matches(value == null ? MissingNode.getInstance() : value);
    }

    private static boolean matchesLeaf(List<Matcher> matchers, JsonNode value) {
        for (Matcher matcher : matchers) {
            if (value != null && value.isArray() && !matcher.aboutPresence()) {
                for (JsonNode element : value) {
                    if (matcher.matches(element)) {
                        return true;
                    }
                }
            } else if (matcher.matches(value)) {
                return true;
            }
        }
        return false;
    }
}
