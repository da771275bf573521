package dev.streamproc.local.cloud.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's Parameters with their values: an override, else the Default; checked as CloudFormation does
 * ({@link ParameterConstraints}), every problem at once. CommaDelimitedList and List types become lists, everything else a string.
 */
final class ParameterValues {

    private ParameterValues() {
    }

    static Map<String, Object> of(Sections template, Map<String, String> overrides) {
        Map<String, Object> declared = template.parameters;
        for (String name : overrides.keySet()) {
            if (!declared.containsKey(name)) {
                throw new TemplateException("unknown parameter '" + name + "': template " + template.file + " declares "
                        + (declared.isEmpty() ? "no parameters" : String.join(", ", declared.keySet())));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> entry : declared.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> spec = template.asMap(entry.getValue(), "Parameters." + name);
            Object value = overrides.containsKey(name) ? overrides.get(name) : spec.get("Default");
            if (value == null) {
                throw new TemplateException("parameter '" + name + "' of " + template.file + " has no Default: give it a value (--parameter "
                        + name + "=VALUE)");
            }
            String text = TemplateValues.scalarText(value);
            problems.addAll(ParameterConstraints.check(name, spec, text));
            String type = String.valueOf(spec.getOrDefault("Type", "String"));
            values.put(name, type.startsWith("CommaDelimitedList") || type.startsWith("List<") ? List.of(text.split("\\s*,\\s*")) : text);
        }
        if (!problems.isEmpty()) {
            throw new TemplateException(String.join("\n", problems)); // every bad value at once, one line each
        }
        return values;
    }
}
