package dev.streamproc.local.cloud.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads CloudFormation YAML: the short intrinsic tags ({@code !Ref x}, {@code !GetAtt a.b}, {@code !Sub ...})
 * become their long JSON forms ({@code {Ref: x}}, {@code {Fn::GetAtt: [a, b]}}); an unknown tag becomes an
 * {@link UnknownTag} (CloudFormation rejects it; {@link TemplateChecks} says where it is).
 */
public final class CfnYaml {

    private static final List<String> FUNCTIONS = List.of("GetAtt", "Sub", "Join", "If", "Equals", "Select", "Split", "GetAZs",
            "ImportValue", "FindInMap", "Not", "And", "Or", "Base64", "Cidr", "Length", "ToJsonString", "Transform");

    private CfnYaml() {
    }

    public static Object parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        return new Yaml(new Constructor(options)).load(text);
    }

    private static final class Constructor extends SafeConstructor {

        Constructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
            yamlConstructors.put(null, new AsData());
        }

        private Object plain(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }

        /** {@code !Fn value} → {@code {Fn::Fn: value}}; {@code !GetAtt a.b.c} → {@code [a, b.c]}. */
        private final class Intrinsic extends AbstractConstruct {
            private final String key;

            Intrinsic(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value = plain(node);
                if (key.equals("Fn::GetAtt") && value instanceof String dotted) {
                    int dot = dotted.indexOf('.');
                    value = dot < 0 ? List.of(dotted) : List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                }
                Map<Object, Object> function = new LinkedHashMap<>();
                function.put(key, value);
                return function;
            }
        }

        /** A tag CloudFormation does not know: kept as an {@link UnknownTag}, for {@link TemplateChecks} to report. */
        private final class AsData extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                return new UnknownTag(node.getTag().getValue(), node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1, plain(node));
            }
        }
    }
}
