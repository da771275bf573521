package dev.streamproc.local.cloud.template;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sections of a template as written, before anything is resolved: Parameters, Mappings, Conditions,
 * {@code Globals.Function} and Resources (each with its Type). Errors name the file and the section.
 */
final class Sections {

    final Path file;
    final Map<String, Object> parameters;
    final Map<String, Object> mappings;
    final Map<String, Object> conditions;
    final Map<String, Object> functionGlobals;
    /** Logical id → the resource's declaration (Type, Properties, Condition, ...), template order. */
    final Map<String, Map<String, Object>> resources;

    /** A section whose every key is a name: YAML reads an unquoted true, 12 or an empty key as no string. */
    private Map<String, Object> named(Map<String, Object> section, String what) {
        for (Object key : section.keySet()) {
            if (!(key instanceof String)) {
                throw error("", what + " name " + key + " is not a logical ID: quote it or name it with letters and digits");
            }
        }
        return section;
    }

    Sections(Path file, Map<String, Object> root) {
        this.file = file;
        this.parameters = named(asMap(root.getOrDefault("Parameters", Map.of()), "Parameters"), "parameter");
        this.mappings = named(asMap(root.getOrDefault("Mappings", Map.of()), "Mappings"), "mapping");
        this.conditions = named(asMap(root.getOrDefault("Conditions", Map.of()), "Conditions"), "condition");
        Map<String, Object> globals = asMap(root.getOrDefault("Globals", Map.of()), "Globals");
        this.functionGlobals = asMap(globals.getOrDefault("Function", Map.of()), "Globals.Function");
        Map<String, Object> declared = asMap(root.get("Resources"), "Resources");
        if (declared.isEmpty()) {
            throw error("", "has no Resources");
        }
        this.resources = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) declared).entrySet()) {
            if (!(entry.getKey() instanceof String)) { // YAML reads an unquoted true, 12 or null as no string
                throw error("", "resource name " + entry.getKey() + " is not a logical ID: quote it or name it with letters and digits");
            }
            Map<String, Object> resource = asMap(entry.getValue(), "Resources." + entry.getKey());
            if (!(resource.get("Type") instanceof String type)) {
                throw error("", "resource " + entry.getKey() + " has no Type");
            }
            if (!RESOURCE_TYPE.matcher(type).matches()) { // CloudFormation: "Unrecognized resource types"
                throw error("", "resource " + entry.getKey() + " has Type " + (type.matches("\\p{Graph}{1,100}") ? "'" + type + "'" : "(unprintable)")
                        + ", which is not a resource type (AWS::Service::Resource, Custom::Name)");
            }
            resources.put((String) entry.getKey(), resource);
        }
    }

    /** {@code AWS::Service::Resource}, {@code Custom::Name}, a module's {@code Org::Service::Name::MODULE}. */
    private static final java.util.regex.Pattern RESOURCE_TYPE = java.util.regex.Pattern.compile("[A-Za-z0-9]+(::[A-Za-z0-9]+){1,3}");

    boolean declares(String logicalId) {
        return resources.containsKey(logicalId);
    }

    String typeOf(String logicalId) {
        return (String) resources.get(logicalId).get("Type");
    }

    boolean isFunction(String logicalId) {
        return declares(logicalId) && "AWS::Serverless::Function".equals(typeOf(logicalId));
    }

    /** The resource's Properties as written (intrinsics unresolved). */
    Map<String, Object> properties(String logicalId) {
        return asMap(resources.get(logicalId).getOrDefault("Properties", Map.of()), "Resources." + logicalId + ".Properties");
    }

    /** A value inside the resource's Properties by dotted path ({@code DatabaseInput.Name}), or null. */
    Object property(String logicalId, String dottedPath) {
        Object current = resources.get(logicalId).get("Properties");
        for (String part : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> asMap(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw error(where, "must be a mapping");
        }
        return (Map<String, Object>) value;
    }

    /** "template F at Resources.X.Properties.Y: problem". */
    TemplateException error(String where, String problem) {
        return new TemplateException("template " + file + (where.isEmpty() ? "" : " at " + where) + ": " + problem);
    }
}
