package dev.streamproc.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the Runtime Interface Client jars that the build copies to {@code local/runtime/target/lambda-runtime/}.
 * The system property {@code streamproc.lambda.runtime.dir} overrides the location.
 */
public final class RuntimeClasspath {

    static final String PROPERTY = "streamproc.lambda.runtime.dir";

    private RuntimeClasspath() {
    }

    public static List<Path> locate() {
        Path dir = System.getProperty(PROPERTY) != null ? Path.of(System.getProperty(PROPERTY)) : besideThisModule();
        return jarsIn(dir);
    }

    static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("Lambda Runtime Interface Client jars not found in " + dir
                    + "; run ./mvnw -pl local/runtime -am package");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            if (jars.stream().noneMatch(j -> j.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))) {
                throw new IllegalStateException("no aws-lambda-java-runtime-interface-client jar in " + dir);
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Beside the Runtime Interface Client jars ({@code target/lambda-cds}): it outlives data directories, not a rebuild. */
    static Path classDataCache(List<Path> runtimeClasspath) {
        return runtimeClasspath.get(0).toAbsolutePath().getParent().resolveSibling("lambda-cds");
    }

    /** target/classes or target/local-runtime.jar → target/lambda-runtime. */
    private static Path besideThisModule() {
        try {
            Path codeSource = Path.of(RuntimeClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return codeSource.getParent().resolve("lambda-runtime");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
