package dev.streamproc.local.cloud.template;

import java.util.LinkedHashMap;
import java.util.Map;

/** The template's Conditions, each evaluated once (through the intrinsics) when first asked for. */
final class Conditions {

    private final Sections template;
    private final Intrinsics intrinsics;
    private final Map<String, Boolean> values = new LinkedHashMap<>();

    Conditions(Sections template, Intrinsics intrinsics) {
        this.template = template;
        this.intrinsics = intrinsics;
    }

    /** Condition {@code name}'s value; {@code where} is what refers to it, for the error when it does not exist. */
    boolean value(String name, String where) {
        Boolean known = values.get(name);
        if (known != null) {
            return known;
        }
        if (!template.conditions.containsKey(name)) {
            throw template.error(where, "refers to undefined condition " + name);
        }
        values.put(name, Boolean.FALSE); // guards against cycles
        String definition = "Conditions." + name;
        if (!(intrinsics.resolve(template.conditions.get(name), definition) instanceof Boolean b)) {
            throw template.error(definition, "condition " + name + " does not evaluate to true/false");
        }
        values.put(name, b);
        return b;
    }

    /** Whether a resource exists: it has no Condition, or its Condition is true. */
    boolean includes(String logicalId) {
        Object condition = template.resources.get(logicalId).get("Condition");
        return condition == null || value(String.valueOf(condition), "Resources." + logicalId + ".Condition");
    }
}
