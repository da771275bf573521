package dev.streamproc.local.cloud.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What CloudFormation refuses in a template before it creates anything, found before any local server starts:
 * a tag that is no intrinsic function ({@code !Bogus foo}), and {@code Fn::ImportValue}, which reads another
 * stack's export (the local cloud deploys one stack, so nothing can answer it). One line per problem, naming the
 * resource and the property where it stands.
 */
public final class TemplateChecks {

    private TemplateChecks() {
    }

    /** The problems of a parsed template ({@link CfnYaml#parse}); empty when none. */
    public static List<String> problems(Map<?, ?> root) {
        List<String> problems = new ArrayList<>();
        root.forEach((section, value) -> walk(String.valueOf(section), value, importsMatter(section), problems));
        return problems;
    }

    /** Outside Resources and Globals an import would not be evaluated locally (e.g. in Outputs): only tags matter there. */
    private static boolean importsMatter(Object section) {
        return "Resources".equals(section) || "Globals".equals(section) || "Conditions".equals(section);
    }

    private static void walk(String path, Object node, boolean imports, List<String> problems) {
        if (node instanceof UnknownTag unknown) {
            problems.add(path + ": unknown tag " + unknown.tag() + (unknown.line() > 0 ? " (line " + unknown.line() + ")" : "")
                    + ": CloudFormation has no such intrinsic function (!Ref, !GetAtt, !Sub, !Join, !If, !Select, ... are)");
            walk(path, unknown.value(), imports, problems);
        } else if (node instanceof Map<?, ?> map) {
            if (imports && map.size() == 1 && map.containsKey("Fn::ImportValue")) {
                Object name = map.get("Fn::ImportValue");
                problems.add(path + ": Fn::ImportValue " + (name instanceof String s ? "'" + s + "'" : String.valueOf(name))
                        + " reads another stack's export, and the local cloud deploys this stack alone: pass the value as a parameter");
                return;
            }
            map.forEach((key, value) -> walk(path + "." + key, value, imports, problems));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(path + "[" + i + "]", list.get(i), imports, problems);
            }
        }
    }
}
