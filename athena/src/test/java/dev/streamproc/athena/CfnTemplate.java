package dev.streamproc.athena;

import dev.streamproc.local.cloud.template.CfnYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * template.yaml as plain maps. Short intrinsic tags become their long form ({@code !Ref X} → {@code {Ref: X}},
 * {@code !Join [...]} → {@code {Fn::Join: [...]}}), as CloudFormation reads them.
 */
final class CfnTemplate {

    private final Map<String, Object> root;

    private CfnTemplate(Map<String, Object> root) {
        this.root = root;
    }

    static CfnTemplate load() {
        Map<String, Object> root = asMap(CfnYaml.parse(RepoFiles.read(RepoFiles.TEMPLATE)));
        return new CfnTemplate(root);
    }

    /** Resources of one type by logical id, in template order. */
    Map<String, Map<String, Object>> resourcesOfType(String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        map(root, "Resources").forEach((id, resource) -> {
            Map<String, Object> r = asMap(resource);
            if (type.equals(r.get("Type"))) {
                found.put(id, r);
            }
        });
        return found;
    }

    /** The Properties of one resource. */
    Map<String, Object> properties(String logicalId) {
        return map(map(map(root, "Resources"), logicalId), "Properties");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a mapping, got " + value);
        }
        return (Map<String, Object>) value;
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        if (!parent.containsKey(key)) {
            throw new AssertionError("missing key " + key + " in " + parent.keySet());
        }
        return asMap(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof List)) {
            throw new AssertionError("expected a list at " + key + ", got " + value);
        }
        return (List<Object>) value;
    }
}
