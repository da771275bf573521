package dev.streamproc.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A function's first container records an AppCDS archive of its classes when it stops; the next containers of the
 * same code map it (what a Lambda image's class-data sharing does for cold starts); rebuilt code records anew.
 */
class ClassDataArchiveTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theFirstContainerRecordsAnArchiveThatLaterContainersOfTheSameCodeMap() throws Exception {
        Path jar = dir.resolve("probe/target/probe-lambda.jar");
        ProbeFunctions.packageProbeJar(jar);
        Path cache = dir.resolve("cds");

        List<String> first = jvmArguments(jar, cache, dir.resolve("run1"));
        assertThat(first).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(archives(cache)).hasSize(1);

        // another data directory (the demo clears its own each run): the same code maps the same archive
        List<String> second = jvmArguments(jar, cache, dir.resolve("run2"));
        assertThat(second).contains("-XX:SharedArchiveFile=" + archives(cache).get(0));

        // a rebuild is new code: it records an archive of its own
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        List<String> rebuilt = jvmArguments(jar, cache, dir.resolve("run3"));
        assertThat(rebuilt).anyMatch(a -> a.startsWith("-XX:ArchiveClassesAtExit="));
        assertThat(archives(cache)).hasSize(2);
    }

    @Test
    void codeFromClassFoldersRunsWithoutAnArchive() throws Exception {
        Path cache = dir.resolve("cds");
        FunctionSpec probe = ProbeFunctions.probe("ProbeFunction", Duration.ofSeconds(20), Map.of());
        try (LocalLambda lambda = new LocalLambda(List.of(probe), options(dir.resolve("data"), cache))) {
            assertThat(inputArguments(lambda)).noneMatch(a -> a.contains("ArchiveClassesAtExit") || a.contains("SharedArchiveFile"));
        }
        assertThat(cache).doesNotExist();
    }

    private List<String> jvmArguments(Path jar, Path cache, Path dataDir) throws Exception {
        FunctionSpec probe = new FunctionSpec("ProbeFunction", "stack-ProbeFunction",
                "arn:aws:lambda:us-east-1:000000000000:function:stack-ProbeFunction", List.of(jar), ProbeFunctions.HANDLER, 256,
                Duration.ofSeconds(20), Map.of());
        try (LocalLambda lambda = new LocalLambda(List.of(probe), options(dataDir, cache))) {
            return inputArguments(lambda);
        }
    }

    private static List<String> inputArguments(LocalLambda lambda) throws Exception {
        InvocationResult result = lambda.invoke("ProbeFunction", "{\"action\":\"jvm\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(result.succeeded()).as(result.errorType() + ": " + result.errorMessage()).isTrue();
        List<String> arguments = JSON.convertValue(JSON.readTree(result.payload()).get("inputArguments"),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));
        return arguments;
    }

    private static RuntimeOptions options(Path dataDir, Path cache) {
        RuntimeOptions defaults = RuntimeOptions.forDataDirectory(dataDir, ProbeFunctions.sdkEnvironment(), null, false);
        return new RuntimeOptions(defaults.logDirectory(), defaults.workDirectory(), defaults.sdkEnvironment(),
                defaults.runtimeClasspath(), 1, null, false, cache);
    }

    private static List<Path> archives(Path cache) throws Exception {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa") && !f.getFileName().toString().contains("recording"))
                    .sorted().toList();
        }
    }
}
