package dev.streamproc.local.lambda;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Functions of a test stack, all running {@code ProbeFunction} from the test classes folder. */
public final class ProbeFunctions {

    public static final String HANDLER = "dev.streamproc.local.lambda.testfunction.ProbeFunction::handleRequest";

    private ProbeFunctions() {
    }

    public static FunctionSpec probe(String logicalId, Duration timeout, Map<String, String> environment) {
        return probe(logicalId, HANDLER, timeout, environment);
    }

    public static FunctionSpec probe(String logicalId, String handler, Duration timeout, Map<String, String> environment) {
        String name = "test-stack-" + logicalId;
        return new FunctionSpec(logicalId, name, "arn:aws:lambda:us-east-1:123456789012:function:" + name,
                List.of(testClasses()), handler, 256, timeout, environment);
    }

    /** A deployment jar holding the probe handler, as ./mvnw package would build one. */
    public static void packageProbeJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Path location = testClasses();
        // test-classes/ for the tests; local-runtime's test-jar for the benches under benchmarks/
        try (FileSystem testJar = Files.isRegularFile(location) ? FileSystems.newFileSystem(location) : null) {
            Path classes = testJar == null ? location : testJar.getPath("/");
            copyProbePackage(classes, jar);
        }
    }

    private static void copyProbePackage(Path classes, Path jar) throws IOException {
        Path packageDir = classes.resolve("dev/streamproc/local/lambda/testfunction");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> entries = Files.list(packageDir)) {
            for (Path entry : entries.toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(entry).toString().replace('\\', '/')));
                Files.copy(entry, out);
                out.closeEntry();
            }
        }
    }

    static Path testClasses() {
        try {
            return Path.of(ProbeFunctions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> sdkEnvironment() {
        return Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:4569",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local", "AWS_REGION", "us-east-1");
    }
}
