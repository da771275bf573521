package dev.streamproc.athena;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Template values written as the DDL files write them: the archive bucket, which the stack names, is
 * {@code <ARCHIVE_BUCKET>} in the files.
 */
final class TemplateValues {

    static final String BUCKET = "<ARCHIVE_BUCKET>";

    private TemplateValues() {
    }

    static String render(Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> intrinsic = CfnTemplate.asMap(value);
        if (intrinsic.equals(Map.of("Ref", "ArchiveBucket"))) {
            return BUCKET;
        }
        if (intrinsic.containsKey("Fn::Join")) {
            @SuppressWarnings("unchecked")
            List<Object> args = (List<Object>) intrinsic.get("Fn::Join");
            @SuppressWarnings("unchecked")
            List<Object> parts = (List<Object>) args.get(1);
            return parts.stream().map(TemplateValues::render).collect(Collectors.joining((String) args.get(0)));
        }
        throw new AssertionError("cannot render " + value + " as DDL text");
    }

    static Map<String, String> renderAll(Map<String, Object> values) {
        Map<String, String> rendered = new LinkedHashMap<>();
        values.forEach((k, v) -> rendered.put(k, render(v)));
        return rendered;
    }
}
