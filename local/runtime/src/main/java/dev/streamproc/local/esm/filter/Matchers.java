package dev.streamproc.local.esm.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the elements of a pattern's value list into {@link Matcher}s, with the operators of Lambda's filter grammar
 * (AWS Lambda developer guide, "Control which events Lambda sends to your function": equals, equals-ignore-case,
 * prefix, suffix, numeric ranges, exists, anything-but). Anything else is an error naming it.
 */
final class Matchers {

    private Matchers() {
    }

    static Matcher of(JsonNode element) {
        if (element.isTextual() || element.isNumber() || element.isNull() || element.isBoolean()) {
            return literal(element);
        }
        if (!element.isObject() || element.size() != 1) {
            throw new IllegalArgumentException("a filter rule must be a value or an object with one operator, was " + element);
        }
        String operator = element.fieldNames().next();
        JsonNode argument = element.get(operator);
        return switch (operator) {
            case "prefix" -> prefix(text(operator, argument));
            case "suffix" -> suffix(text(operator, argument));
            case "equals-ignore-case" -> ignoringCase(text(operator, argument));
            case "numeric" -> numeric(argument);
            case "exists" -> exists(argument);
            case "anything-but" -> anythingBut(argument);
            default -> throw new IllegalArgumentException("unknown filter operator '" + operator + "'");
        };
    }

    private static String text(String operator, JsonNode argument) {
        if (!argument.isTextual()) {
            throw new IllegalArgumentException("filter operator '" + operator + "' takes a string, was " + argument);
        }
        return argument.asText();
    }

    static Matcher literal(JsonNode expected) {
        return value -> {
            if (value == null) {
                return false;
            }
            if (expected.isNumber()) {
                return value.isNumber() && decimal(value).flatMap(v -> decimal(expected).map(e -> v.compareTo(e) == 0)).orElse(false);
            }
            return expected.equals(value);
        };
    }

    private static Matcher prefix(String prefix) {
        return value -> value != null && value.isTextual() && value.asText().startsWith(prefix);
    }

    private static Matcher suffix(String suffix) {
        return value -> value != null && value.isTextual() && value.asText().endsWith(suffix);
    }

    private static Matcher ignoringCase(String expected) {
        return value -> value != null && value.isTextual() && value.asText().toLowerCase(Locale.ROOT).equals(expected.toLowerCase(Locale.ROOT));
    }

    private static Matcher exists(JsonNode argument) {
        if (!argument.isBoolean()) {
            throw new IllegalArgumentException("filter operator 'exists' takes true or false, was " + argument);
        }
        boolean wanted = argument.asBoolean();
        return new Matcher() {
            @Override
            public boolean matches(JsonNode value) {
                // Only a leaf value exists: an object there does not (AWS invoked twice for
                // test_dynamodb_event_filter[exists_false_filter], where the key holds {"S": ...}).
                boolean present = value != null && !value.isObject() && !(value.isArray() && value.isEmpty());
                return present == wanted;
            }

            @Override
            public boolean aboutPresence() {
                return true;
            }
        };
    }

    private record Bound(String op, BigDecimal limit) {
        boolean holds(BigDecimal v) {
            int c = v.compareTo(limit);
            return switch (op) {
                case "=" -> c == 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalStateException(op);
            };
        }
    }

    private static Matcher numeric(JsonNode argument) {
        if (!argument.isArray() || argument.isEmpty() || argument.size() % 2 != 0 || argument.size() > 4) {
            throw new IllegalArgumentException("filter operator 'numeric' takes [op, number] or [op, number, op, number], was " + argument);
        }
        List<Bound> bounds = new ArrayList<>();
        for (int i = 0; i < argument.size(); i += 2) {
            JsonNode op = argument.get(i);
            JsonNode limit = argument.get(i + 1);
            if (!op.isTextual() || !List.of("=", "<", "<=", ">", ">=").contains(op.asText()) || !limit.isNumber()) {
                throw new IllegalArgumentException("bad 'numeric' condition " + op + " " + limit);
            }
            bounds.add(new Bound(op.asText(), decimal(limit).orElseThrow(
                    () -> new IllegalArgumentException("'numeric' limit " + limit + " is out of range"))));
        }
        if (bounds.size() == 2 && !(bounds.get(0).op.startsWith(">") && bounds.get(1).op.startsWith("<"))) {
            throw new IllegalArgumentException("a 'numeric' range is [\">\" or \">=\", low, \"<\" or \"<=\", high], was " + argument);
        }
        return value -> value != null && value.isNumber()
                && decimal(value).map(v -> bounds.stream().allMatch(b -> b.holds(v))).orElse(false);
    }

    /**
     * A JSON number's exact value, or empty for one read as an infinite double (e.g. {@code 1e999}, in a record or a
     * pattern), which has none: such a number matches no numeric rule instead of failing the whole filter.
     */
    static Optional<BigDecimal> decimal(JsonNode number) {
        if ((number.isDouble() || number.isFloat()) && !Double.isFinite(number.doubleValue())) {
            return Optional.empty();
        }
        return Optional.of(number.decimalValue());
    }

    /** Matches a present value (null included) that the inner rule does not match. */
    private static Matcher anythingBut(JsonNode argument) {
        Matcher excluded;
        if (argument.isArray()) {
            List<Matcher> values = new ArrayList<>();
            for (JsonNode v : argument) {
                if (!v.isTextual() && !v.isNumber()) {
                    throw new IllegalArgumentException("'anything-but' lists strings or numbers, was " + v);
                }
                values.add(literal(v));
            }
            excluded = value -> values.stream().anyMatch(m -> m.matches(value));
        } else if (argument.isTextual() || argument.isNumber()) {
            excluded = literal(argument);
        } else if (argument.isObject() && argument.size() == 1) {
            String operator = argument.fieldNames().next();
            if (!List.of("prefix", "suffix", "equals-ignore-case").contains(operator)) {
                throw new IllegalArgumentException("'anything-but' cannot hold operator '" + operator + "'");
            }
            excluded = of(argument);
        } else {
            throw new IllegalArgumentException("bad 'anything-but' argument " + argument);
        }
        return value -> value != null && !excluded.matches(value);
    }
}
