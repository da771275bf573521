package dev.streamproc.local.cloud.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** More nodes than any real template has: aliases that expand beyond it are an attack, not a stack. */
    static final long MAX_EXPANDED_NODES = 1_000_000;

    /**
     * @throws IllegalArgumentException when an alias makes the document recursive (a node containing itself, which
     *                                  JSON and so CloudFormation cannot express) or expands it beyond
     *                                  {@link #MAX_EXPANDED_NODES}: every reader of the result walks the tree
     */
    public static Object parse(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(200);
        Object root = new Yaml(new Constructor(options)).load(text);
        expandedSize(root, Collections.newSetFromMap(new IdentityHashMap<>()), new IdentityHashMap<>());
        return root;
    }

    /** Nodes of the tree with every alias expanded; each shared node is counted once, then remembered. */
    private static long expandedSize(Object node, Set<Object> open, Map<Object, Long> done) {
        Collection<?> children;
        if (node instanceof Map<?, ?> map) {
            List<Object> both = new ArrayList<>(map.keySet());
            both.addAll(map.values());
            children = both;
        } else if (node instanceof List<?> list) {
            children = list;
        } else if (node instanceof UnknownTag unknown) {
            children = Collections.singletonList(unknown.value());
        } else {
            return 1;
        }
        Long known = done.get(node);
        if (known != null) {
            return known;
        }
        if (!open.add(node)) {
            throw new IllegalArgumentException("an alias (*name) refers to a node that contains it: a template cannot be recursive");
        }
        long size = 1;
        for (Object child : children) {
            size += expandedSize(child, open, done);
            if (size > MAX_EXPANDED_NODES) {
                throw new IllegalArgumentException("its aliases (*name) expand it beyond " + MAX_EXPANDED_NODES + " nodes");
            }
        }
        open.remove(node);
        done.put(node, size);
        return size;
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
