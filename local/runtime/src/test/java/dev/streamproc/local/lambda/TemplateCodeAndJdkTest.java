package dev.streamproc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.cloud.template.Template;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template's functions in real containers (child JVMs under the Runtime Interface Client): code from a Maven
 * module folder, a .jar and a Lambda-layout .zip, each on the JDK of its runtime or the nearest newer one.
 */
class TemplateCodeAndJdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @Test
    @Timeout(120)
    void eachFunctionRunsItsOwnCodeOnTheJdkOfItsRuntime() throws IOException {
        Files.writeString(project.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Handler: %s
                    MemorySize: 256
                    Timeout: 30
                Resources:
                  FromModule:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, CodeUri: probe-module/}
                  FromJar:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java25, CodeUri: dist/probe.jar}
                  FromZip:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java17, CodeUri: dist/probe.zip}
                """.formatted(ProbeFunctions.HANDLER));
        Files.createDirectories(project.resolve("probe-module"));
        Files.writeString(project.resolve("probe-module/pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>g</groupId><artifactId>probe</artifactId><version>1</version>
                  <build><plugins><plugin><artifactId>maven-shade-plugin</artifactId>
                    <configuration><outputFile>${project.build.directory}/probe-deployable.jar</outputFile></configuration>
                  </plugin></plugins></build>
                </project>
                """);
        ProbeFunctions.packageProbeJar(project.resolve("probe-module/target/probe-deployable.jar"));
        ProbeFunctions.packageProbeJar(project.resolve("dist/probe.jar"));
        lambdaZip(project.resolve("dist/probe.zip"));
        JavaRuntimes jdks = JavaRuntimes.ofThisMachine();

        StackFunctions functions = StackFunctions.of(Template.load(project.resolve("template.yaml")), project.resolve("data"), jdks);

        try (LocalLambda lambda = new LocalLambda(functions.functions(),
                RuntimeOptions.forDataDirectory(project.resolve("data"), ProbeFunctions.sdkEnvironment(), null, false))) {
            for (String function : new String[] {"FromModule", "FromJar", "FromZip"}) {
                FunctionSpec spec = lambda.function(function);
                JsonNode env = invoke(lambda, function, "{\"action\":\"env\"}");
                int expected = jdks.choose(spec.runtime()).orElseThrow().jdk().feature();
                assertThat(JavaRuntimes.feature(env.path("javaVersion").asText())).as(function).isEqualTo(expected)
                        .isGreaterThanOrEqualTo(JavaRuntimes.wantedFeature(spec.runtime()));
                assertThat(Path.of(env.path("javaHome").asText()).toRealPath()).isEqualTo(spec.javaHome());
                assertThat(env.path("env").path("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_" + spec.runtime());
            }
            assertThat(lambda.function("FromModule").classpath()).containsExactly(project.resolve("probe-module/target/probe-deployable.jar"));
            assertThat(invoke(lambda, "FromZip", "{\"action\":\"resource\",\"name\":\"greeting.txt\"}").path("resource").asText())
                    .isEqualTo("from lib/greeting.jar");
        }
        jdks.choose("java21").filter(c -> !c.exact()).ifPresent(c -> assertThat(functions.notes()).contains(c.note()));
    }

    private static JsonNode invoke(LocalLambda lambda, String function, String event) throws IOException {
        LambdaInvoker.InvocationResult result = lambda.invoke(function, event.getBytes(StandardCharsets.UTF_8));
        assertThat(result.succeeded()).as(function + ": " + new String(result.payload(), StandardCharsets.UTF_8)).isTrue();
        return JSON.readTree(result.payload());
    }

    /** Lambda's zip layout: the handler's classes at the root, a dependency under lib/ (here holding a resource). */
    private static void lambdaZip(Path zip) throws IOException {
        Path classes = ProbeFunctions.testClasses();
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file);
             Stream<Path> entries = Files.list(classes.resolve("dev/streamproc/local/lambda/testfunction"))) {
            for (Path entry : entries.toList()) {
                out.putNextEntry(new ZipEntry(classes.relativize(entry).toString()));
                Files.copy(entry, out);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("lib/greeting.jar"));
            JarOutputStream lib = new JarOutputStream(out);
            lib.putNextEntry(new JarEntry("greeting.txt"));
            lib.write("from lib/greeting.jar".getBytes(StandardCharsets.UTF_8));
            lib.closeEntry();
            lib.finish();
            out.closeEntry();
        }
    }
}
