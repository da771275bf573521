package dev.streamproc.local.cloud.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small rules about template values shared by the template's parts. */
final class TemplateValues {

    private TemplateValues() {
    }

    /** A scalar as CloudFormation writes it into a string: 5.0 is "5". */
    static String scalarText(Object value) {
        if (value instanceof Double d && d == Math.rint(d)) {
            return Long.toString(d.longValue());
        }
        if (value instanceof List<?> || value instanceof Map<?, ?>) {
            throw new TemplateException("expected a single value, got " + value);
        }
        return String.valueOf(value);
    }

    /** SAM Globals semantics: maps merge key by key (recursively), anything else in the function wins. */
    static Map<String, Object> mergeGlobals(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> merged = new LinkedHashMap<>(globals);
        for (Map.Entry<String, Object> entry : own.entrySet()) {
            Object base = merged.get(entry.getKey());
            if (base instanceof Map<?, ?> b && entry.getValue() instanceof Map<?, ?> o && !isIntrinsic(o)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = mergeGlobals((Map<String, Object>) b, (Map<String, Object>) o);
                merged.put(entry.getKey(), nested);
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        return merged;
    }

    /** {@code {Ref: X}} or {@code {Fn::...: ...}}. */
    static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.startsWith("Fn::");
    }
}
