package dev.streamproc.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The deployment jar a Maven module's own build writes, read from its pom (and its parents' for inherited
 * properties and {@code pluginManagement}): the shade plugin's {@code outputFile}, {@code finalName} or attached
 * classifier, the assembly plugin's {@code jar-with-dependencies}, else the module's main jar
 * ({@code build/finalName}, default {@code artifactId-version}). When the pom names no packaging plugin the
 * module's {@code target} is searched for its single {@code *-lambda.jar} or shaded jar.
 */
final class MavenModuleJar {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /** A pom and the parents it inherits from, nearest first. */
    private final List<Element> poms = new ArrayList<>();
    private final Path module;
    private final Map<String, String> properties = new LinkedHashMap<>();

    private MavenModuleJar(Path module) {
        this.module = module;
        Path pom = module.resolve("pom.xml");
        while (pom != null && Files.isRegularFile(pom) && poms.size() < 10) {
            Element project = parse(pom);
            poms.add(project);
            Element parent = child(project, "parent");
            if (parent == null) {
                break;
            }
            String relative = text(parent, "relativePath");
            Path next = pom.getParent().resolve(relative == null ? "../pom.xml" : relative).normalize();
            pom = Files.isDirectory(next) ? next.resolve("pom.xml") : next;
        }
        // Parents first, so the module's own properties win.
        for (int i = poms.size() - 1; i >= 0; i--) {
            Element props = child(poms.get(i), "properties");
            if (props != null) {
                for (Element property : children(props)) {
                    properties.put(property.getTagName(), property.getTextContent().trim());
                }
            }
        }
        properties.put("project.artifactId", require(text(poms.get(0), "artifactId"), "artifactId"));
        String version = text(poms.get(0), "version");
        Element parent = child(poms.get(0), "parent");
        properties.put("project.version", version != null ? version : parent == null ? "" : String.valueOf(text(parent, "version")));
        properties.put("project.basedir", module.toString());
        properties.put("basedir", module.toString());
        String directory = build(0, "directory");
        properties.put("project.build.directory", directory == null ? module.resolve("target").toString() : resolve(directory));
        String finalName = build(0, "finalName");
        properties.put("project.build.finalName", resolve(finalName == null ? "${project.artifactId}-${project.version}" : finalName));
    }

    static boolean isModule(Path folder) {
        return Files.isRegularFile(folder.resolve("pom.xml"));
    }

    /** The jar the module's build writes, whether or not it exists yet (then the caller says what to run). */
    static Path of(Path module) {
        return new MavenModuleJar(module).expectedJar();
    }

    private Path expectedJar() {
        Path target = Path.of(properties.get("project.build.directory"));
        String finalName = properties.get("project.build.finalName");
        List<Map<String, String>> shade = executions("maven-shade-plugin");
        List<Map<String, String>> assembly = executions("maven-assembly-plugin");
        List<Output> outputs = new ArrayList<>();
        for (Map<String, String> config : shade) {
            outputs.add(new Output(shadeOutput(config, target, finalName), config));
        }
        for (Map<String, String> config : assembly) {
            String name = config.get("finalName") != null ? resolve(config.get("finalName")) : finalName;
            boolean append = Boolean.parseBoolean(resolve(config.getOrDefault("appendAssemblyId", "true")));
            String id = config.getOrDefault("descriptorRef", "jar-with-dependencies");
            outputs.add(new Output(target.resolve(append ? name + "-" + id + ".jar" : name + ".jar"), config));
        }
        if (outputs.size() > 1) {
            // A module may also package a CLI (a jar with a Main-Class): the function's jar is the one without.
            List<Output> functionJars = outputs.stream().filter(o -> !o.config().containsKey("mainClass")).toList();
            if (functionJars.size() == 1) {
                return functionJars.get(0).jar();
            }
            List<Output> named = outputs.stream().filter(o -> o.jar().getFileName().toString().contains("lambda")
                    || o.config().getOrDefault("id", "").contains("lambda")).toList();
            if (named.size() == 1) {
                return named.get(0).jar();
            }
            throw new FunctionCode.NotRunnable("the build of " + module + " writes several jars (" + outputs.stream()
                    .map(o -> o.jar().getFileName().toString()).toList() + "): point CodeUri at the deployment jar");
        }
        if (outputs.size() == 1) {
            return outputs.get(0).jar();
        }
        return singleLambdaJar(target).orElse(target.resolve(finalName + ".jar"));
    }

    private record Output(Path jar, Map<String, String> config) {
    }

    private Path shadeOutput(Map<String, String> config, Path target, String finalName) {
        if (config.get("outputFile") != null) {
            return module.resolve(resolve(config.get("outputFile"))).normalize();
        }
        String name = config.get("finalName") != null ? resolve(config.get("finalName")) : finalName;
        if (Boolean.parseBoolean(resolve(config.getOrDefault("shadedArtifactAttached", "false")))) {
            return target.resolve(name + "-" + resolve(config.getOrDefault("shadedClassifierName", "shaded")) + ".jar");
        }
        return target.resolve(name + ".jar");
    }

    /** A target with exactly one {@code *-lambda.jar} (or else one {@code *-shaded.jar}) holds the deployment jar. */
    static Optional<Path> singleLambdaJar(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".jar")).sorted().toList();
            for (String suffix : List.of("-lambda.jar", "-shaded.jar", "-jar-with-dependencies.jar")) {
                List<Path> matching = jars.stream().filter(j -> j.getFileName().toString().endsWith(suffix)).toList();
                if (matching.size() == 1) {
                    return Optional.of(matching.get(0));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The executions of a plugin the module declares (in its {@code build/plugins} or a parent's), each with its
     * configuration as Maven merges it: plugin-level configuration, then the execution of the same id, from the
     * topmost parent's {@code pluginManagement} down to the module (nearer values win). Empty when not declared.
     */
    private List<Map<String, String>> executions(String artifactId) {
        boolean declared = false;
        for (Element pom : poms) {
            declared |= pluginIn(child(pom, "build"), "plugins", artifactId) != null;
        }
        if (!declared) {
            return List.of();
        }
        Map<String, String> plugin = new LinkedHashMap<>();
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        for (int i = poms.size() - 1; i >= 0; i--) {
            Element build = child(poms.get(i), "build");
            for (Element declaration : new Element[] {
                    pluginIn(build == null ? null : child(build, "pluginManagement"), "plugins", artifactId),
                    pluginIn(build, "plugins", artifactId)}) {
                if (declaration == null) {
                    continue;
                }
                collect(child(declaration, "configuration"), plugin);
                Element executions = child(declaration, "executions");
                if (executions != null) {
                    for (Element execution : children(executions)) {
                        String id = Optional.ofNullable(text(execution, "id")).orElse("default");
                        Map<String, String> config = byId.computeIfAbsent(id, k -> new LinkedHashMap<>(Map.of("id", k)));
                        collect(child(execution, "configuration"), config);
                    }
                }
            }
        }
        if (byId.isEmpty()) {
            byId.put("default", new LinkedHashMap<>());
        }
        List<Map<String, String>> merged = new ArrayList<>();
        for (Map<String, String> execution : byId.values()) {
            Map<String, String> config = new LinkedHashMap<>(plugin);
            config.putAll(execution);
            merged.add(config);
        }
        return merged;
    }

    private static void collect(Element configuration, Map<String, String> config) {
        if (configuration == null) {
            return;
        }
        for (String key : List.of("outputFile", "finalName", "shadedArtifactAttached", "shadedClassifierName", "appendAssemblyId")) {
            String value = text(configuration, key);
            if (value != null) {
                config.put(key, value);
            }
        }
        Element refs = child(configuration, "descriptorRefs");
        if (refs != null && !children(refs).isEmpty()) {
            config.put("descriptorRef", children(refs).get(0).getTextContent().trim());
        }
        if (configuration.getElementsByTagName("mainClass").getLength() > 0) {
            config.put("mainClass", configuration.getElementsByTagName("mainClass").item(0).getTextContent().trim());
        }
    }

    private static Element pluginIn(Element parent, String listName, String artifactId) {
        Element list = parent == null ? null : child(parent, listName);
        if (list == null) {
            return null;
        }
        return children(list).stream().filter(p -> artifactId.equals(text(p, "artifactId"))).findFirst().orElse(null);
    }

    private String build(int pomIndex, String name) {
        Element build = child(poms.get(pomIndex), "build");
        return build == null ? null : text(build, name);
    }

    /** Replaces {@code ${...}} with the known properties; unknown ones stay as written. */
    private String resolve(String value) {
        String current = value;
        for (int round = 0; round < 5 && current.contains("${"); round++) {
            Matcher m = PROPERTY.matcher(current);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String replacement = properties.getOrDefault(m.group(1), m.group());
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            current = out.toString();
        }
        return current;
    }

    private String require(String value, String what) {
        if (value == null) {
            throw new IllegalStateException(module.resolve("pom.xml") + " has no " + what);
        }
        return value;
    }

    private static Element parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(pom.toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst().orElse(null);
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
