package dev.streamproc.local.cloud.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's Parameters with their values: an override, else the Default; checked against AllowedValues and
 * Type Number. CommaDelimitedList and List types become lists, everything else a string.
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
        for (Map.Entry<String, Object> entry : declared.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> spec = template.asMap(entry.getValue(), "Parameters." + name);
            Object value = overrides.containsKey(name) ? overrides.get(name) : spec.get("Default");
            if (value == null) {
                throw new TemplateException("parameter '" + name + "' of " + template.file + " has no Default: give it a value (--parameter "
                        + name + "=VALUE)");
            }
            String text = TemplateValues.scalarText(value);
            if (spec.get("AllowedValues") instanceof List<?> allowed
                    && !allowed.stream().map(TemplateValues::scalarText).toList().contains(text)) {
                throw new TemplateException("parameter '" + name + "' = '" + text + "' is not one of " + allowed);
            }
            String type = String.valueOf(spec.getOrDefault("Type", "String"));
            if (type.equals("Number")) {
                try {
                    Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new TemplateException("parameter '" + name + "' = '" + text + "' is not a Number");
                }
            }
            values.put(name, type.startsWith("CommaDelimitedList") || type.startsWith("List<") ? List.of(text.split("\\s*,\\s*")) : text);
        }
        return values;
    }
}
