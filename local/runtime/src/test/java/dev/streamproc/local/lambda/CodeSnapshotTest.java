package dev.streamproc.local.lambda;

import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rebuilding a deployment jar while the stack is up behaves like a deployment: new containers get the new code. */
class CodeSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void warmContainersKeepTheirCodeAndNewContainersTakeTheRebuiltJar() throws Exception {
        Path jar = dir.resolve("probe/target/probe-lambda.jar");
        ProbeFunctions.packageProbeJar(jar);
        FunctionSpec probe = new FunctionSpec("ProbeFunction", "stack-ProbeFunction",
                "arn:aws:lambda:us-east-1:000000000000:function:stack-ProbeFunction", List.of(jar), ProbeFunctions.HANDLER, 256,
                Duration.ofSeconds(20), Map.of());
        RuntimeOptions options = RuntimeOptions.forDataDirectory(dir.resolve("data"), ProbeFunctions.sdkEnvironment(), null, false);

        try (LocalLambda lambda = new LocalLambda(List.of(probe), options)) {
            assertThat(invoke(lambda, "{}").succeeded()).isTrue();

            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream empty = new JarOutputStream(out)) {
                empty.flush(); // a "rebuild" that no longer holds the handler
            }
            Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            InvocationResult warm = invoke(lambda, "{}");
            InvocationResult crash = invoke(lambda, "{\"action\":\"exit\",\"status\":1}");
            InvocationResult fresh = invoke(lambda, "{}");

            assertThat(warm.succeeded()).isTrue();
            assertThat(crash.errorType()).isEqualTo("Runtime.ExitError");
            assertThat(fresh.errorType()).isEqualTo("java.lang.ClassNotFoundException");
        }
        try (Stream<Path> snapshots = Files.list(dir.resolve("data/lambda/code/ProbeFunction"))) {
            assertThat(snapshots.map(p -> p.getFileName().toString()).toList()).hasSize(1).allMatch(n -> n.startsWith("probe-lambda-"));
        }
    }

    private static InvocationResult invoke(LocalLambda lambda, String event) {
        return lambda.invoke("ProbeFunction", event.getBytes(StandardCharsets.UTF_8));
    }
}
