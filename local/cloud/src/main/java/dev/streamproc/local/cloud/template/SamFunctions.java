package dev.streamproc.local.cloud.template;

import dev.streamproc.local.cloud.template.Template.EventDef;
import dev.streamproc.local.cloud.template.Template.FunctionDef;
import dev.streamproc.local.cloud.template.Template.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The template's {@code AWS::Serverless::Function}s as Lambda would run them: code location, handler, runtime,
 * memory and timeout (SAM's defaults 128 MB and 3 s), environment and events.
 */
final class SamFunctions {

    private SamFunctions() {
    }

    static List<FunctionDef> of(Path templateFile, List<Resource> functions, PhysicalNames names) {
        List<FunctionDef> defs = new ArrayList<>();
        for (Resource r : functions) {
            Map<String, Object> p = r.properties();
            Object codeUri = p.get("CodeUri");
            Path code = codeUri instanceof String s ? templateFile.getParent().resolve(s).normalize() : null;
            defs.add(new FunctionDef(r.logicalId(), names.name(r.logicalId()), names.arn(r.logicalId()), code,
                    (String) p.get("Handler"), (String) p.get("Runtime"), intProperty(templateFile, r, "MemorySize", 128),
                    intProperty(templateFile, r, "Timeout", 3), environment(p), events(p)));
        }
        return List.copyOf(defs);
    }

    private static Map<String, String> environment(Map<String, Object> p) {
        Map<String, String> environment = new LinkedHashMap<>();
        if (p.get("Environment") instanceof Map<?, ?> env && env.get("Variables") instanceof Map<?, ?> vars) {
            // An unresolvable value (e.g. Fn::ImportValue) stays visible as its data rather than failing the whole function.
            vars.forEach((k, v) -> environment.put(String.valueOf(k),
                    v instanceof Map || v instanceof List ? String.valueOf(v) : TemplateValues.scalarText(v)));
        }
        return Map.copyOf(environment);
    }

    private static List<EventDef> events(Map<String, Object> p) {
        List<EventDef> events = new ArrayList<>();
        if (p.get("Events") instanceof Map<?, ?> declared) {
            for (Map.Entry<?, ?> e : declared.entrySet()) {
                Map<?, ?> event = e.getValue() instanceof Map<?, ?> m ? m : Map.of();
                @SuppressWarnings("unchecked")
                Map<String, Object> props = event.get("Properties") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                events.add(new EventDef(String.valueOf(e.getKey()), String.valueOf(event.get("Type")), props));
            }
        }
        return List.copyOf(events);
    }

    private static int intProperty(Path templateFile, Resource function, String name, int fallback) {
        Object value = function.properties().get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return (int) Double.parseDouble(TemplateValues.scalarText(value));
        } catch (NumberFormatException e) {
            throw new TemplateException("template " + templateFile + " at Resources." + function.logicalId() + ".Properties." + name
                    + ": not a number: " + value);
        }
    }
}
