package dev.streamproc.local.cloud.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parameter's value checked against its declaration as CloudFormation does before it creates anything
 * (docs: "Parameters template section syntax", AWS CloudFormation User Guide): {@code AllowedValues} for every type
 * (each member of a list); {@code AllowedPattern} (the whole value must match), {@code MinLength} and
 * {@code MaxLength} for {@code String} and each member of a {@code CommaDelimitedList}; {@code MinValue} and
 * {@code MaxValue} for {@code Number} and each member of a {@code List<Number>}, which must be numbers. A
 * {@code ConstraintDescription} is shown with the failed constraint. One line per problem, naming the parameter.
 */
public final class ParameterConstraints {

    private ParameterConstraints() {
    }

    /** The problems of {@code text} as the value of parameter {@code name} declared as {@code spec}; empty when none. */
    public static List<String> check(String name, Map<String, Object> spec, String text) {
        String type = String.valueOf(spec.getOrDefault("Type", "String"));
        boolean list = type.equals("CommaDelimitedList") || type.startsWith("List<");
        boolean number = type.equals("Number") || type.equals("List<Number>");
        List<String> members = list ? List.of(text.split("\\s*,\\s*", -1)) : List.of(text);
        String because = spec.get("ConstraintDescription") == null ? "" : " (" + spec.get("ConstraintDescription") + ")";
        List<String> problems = new ArrayList<>();
        for (String member : members) {
            String subject = "parameter '" + name + "' " + (list ? "member '" + member + "' (of '" + text + "')" : "= '" + member + "'");
            if (number && parseNumber(member) == null) {
                problems.add(subject + " is not a Number");
                continue;
            }
            if (spec.get("AllowedValues") instanceof List<?> allowed && allowed.stream().map(ParameterConstraints::text).noneMatch(member::equals)) {
                problems.add(subject + " is not one of " + allowed + because);
            }
            if (number) {
                BigDecimal value = parseNumber(member);
                bound(spec, name, "MinValue").filter(min -> value.compareTo(min) < 0)
                        .ifPresent(min -> problems.add(subject + " is below its MinValue " + text(spec.get("MinValue")) + because));
                bound(spec, name, "MaxValue").filter(max -> value.compareTo(max) > 0)
                        .ifPresent(max -> problems.add(subject + " is above its MaxValue " + text(spec.get("MaxValue")) + because));
            } else if (type.equals("String") || type.equals("CommaDelimitedList")) {
                bound(spec, name, "MinLength").filter(min -> member.length() < min.intValue())
                        .ifPresent(min -> problems.add(subject + " is shorter than its MinLength " + min.intValue() + because));
                bound(spec, name, "MaxLength").filter(max -> member.length() > max.intValue())
                        .ifPresent(max -> problems.add(subject + " is longer than its MaxLength " + max.intValue() + because));
                if (spec.get("AllowedPattern") != null && !pattern(name, spec.get("AllowedPattern")).matcher(member).matches()) {
                    problems.add(subject + " does not match its AllowedPattern " + spec.get("AllowedPattern") + because);
                }
            }
        }
        return problems;
    }

    private static java.util.Optional<BigDecimal> bound(Map<String, Object> spec, String name, String key) {
        Object raw = spec.get(key);
        if (raw == null) {
            return java.util.Optional.empty();
        }
        BigDecimal bound = parseNumber(text(raw));
        if (bound == null) {
            throw new TemplateException("parameter '" + name + "': its " + key + " '" + raw + "' is not a number");
        }
        return java.util.Optional.of(bound);
    }

    private static Pattern pattern(String name, Object regex) {
        try {
            return Pattern.compile(String.valueOf(regex));
        } catch (PatternSyntaxException e) {
            throw new TemplateException("parameter '" + name + "': its AllowedPattern " + regex + " is not a regular expression: "
                    + e.getDescription());
        }
    }

    /** CloudFormation numbers are integers or decimals ("1", "-2", "0.5", "1e3"). */
    private static BigDecimal parseNumber(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A YAML scalar as the text CloudFormation compares: 1, 1.0 and "1" alike. */
    static String text(Object value) {
        return TemplateValues.scalarText(value);
    }
}
