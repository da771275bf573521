package dev.streamproc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CodeUri as SAM reads it: a Maven module folder (the jar its own build writes), a .jar, or a .zip in Lambda's
 * layout (AWS docs, "Deploy Java Lambda functions with .zip or JAR file archives": classes at the root, lib/*.jar).
 */
class FunctionCodeTest {

    @TempDir
    Path project;

    @Test
    void aModuleWhoseParentManagesTheShadeOutputFileRunsThatFile() throws IOException {
        write("pom.xml", pom("parent", "<packaging>pom</packaging>", """
                <build><pluginManagement><plugins><plugin>
                  <artifactId>maven-shade-plugin</artifactId>
                  <executions><execution><configuration>
                    <outputFile>${project.build.directory}/${project.artifactId}-for-aws.jar</outputFile>
                  </configuration></execution></executions>
                </plugin></plugins></pluginManagement></build>"""));
        Path module = write("sensors/pom.xml", pom("sensor-fn", "<parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version></parent>",
                "<build><plugins><plugin><artifactId>maven-shade-plugin</artifactId></plugin></plugins></build>")).getParent();
        Path jar = touch("sensors/target/sensor-fn-for-aws.jar");
        touch("sensors/target/sensors-lambda.jar"); // a naming convention is not what decides

        assertThat(FunctionCode.classpath("Fn", module, project.resolve("unpacked"))).containsExactly(jar);
    }

    @Test
    void aShadedJarAttachedWithAClassifierOrAnAssembly() throws IOException {
        Path shaded = write("a/pom.xml", pom("a-fn", "<version>2.0</version>", """
                <build><finalName>handler</finalName><plugins><plugin><artifactId>maven-shade-plugin</artifactId>
                  <configuration><shadedArtifactAttached>true</shadedArtifactAttached><shadedClassifierName>aws</shadedClassifierName></configuration>
                </plugin></plugins></build>""")).getParent();
        Path assembled = write("b/pom.xml", pom("b-fn", "<version>3.1</version>", """
                <build><plugins><plugin><artifactId>maven-assembly-plugin</artifactId>
                  <configuration><descriptorRefs><descriptorRef>jar-with-dependencies</descriptorRef></descriptorRefs></configuration>
                </plugin></plugins></build>""")).getParent();
        Path plain = write("c/pom.xml", pom("c-fn", "<version>1</version>", "")).getParent();

        Path shadedJar = touch("a/target/handler-aws.jar");
        Path assembledJar = touch("b/target/b-fn-3.1-jar-with-dependencies.jar");
        assertThat(FunctionCode.classpath("A", shaded, project)).containsExactly(shadedJar);
        assertThat(FunctionCode.classpath("B", assembled, project)).containsExactly(assembledJar);
        touch("c/target/c-fn-1.jar");
        Path lambdaJar = touch("c/target/whatever-lambda.jar");
        assertThat(FunctionCode.classpath("C", plain, project)).containsExactly(lambdaJar);
    }

    @Test
    void aModuleThatAlsoShadesACliRunsTheJarWithoutAMainClass() throws IOException {
        write("pom.xml", pom("parent", "<packaging>pom</packaging>", """
                <build><pluginManagement><plugins><plugin>
                  <artifactId>maven-shade-plugin</artifactId>
                  <executions><execution><id>lambda-jar</id><configuration>
                    <outputFile>${project.build.directory}/${project.artifactId}-lambda.jar</outputFile>
                  </configuration></execution></executions>
                </plugin></plugins></pluginManagement></build>"""));
        Path module = write("wild-rydes/pom.xml", pom("wild-rydes", "<parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version></parent>", """
                <build><plugins><plugin><artifactId>maven-shade-plugin</artifactId><executions>
                  <execution><id>lambda-jar</id></execution>
                  <execution><id>producer-jar</id><configuration>
                    <outputFile>${project.build.directory}/wild-rydes-producer.jar</outputFile>
                    <transformers><transformer><mainClass>a.Producer</mainClass></transformer></transformers>
                  </configuration></execution>
                </executions></plugin></plugins></build>""")).getParent();
        Path lambda = touch("wild-rydes/target/wild-rydes-lambda.jar");
        touch("wild-rydes/target/wild-rydes-producer.jar");

        assertThat(FunctionCode.classpath("Fn", module, project)).containsExactly(lambda);
    }

    @Test
    void aModuleNotYetBuiltNamesTheFunctionAndTheCommandThatBuildsIt() throws IOException {
        touch("mvnw");
        write("pom.xml", pom("root", "<packaging>pom</packaging>", ""));
        Path module = write("examples/wild-rydes/pom.xml", pom("wild-rydes", "<version>1</version>",
                "<build><plugins><plugin><artifactId>maven-shade-plugin</artifactId><configuration>"
                        + "<outputFile>${project.build.directory}/wild-rydes-lambda.jar</outputFile></configuration></plugin></plugins></build>"))
                .getParent();

        assertThatThrownBy(() -> FunctionCode.classpath("WildRydesStreamProcessor", module, project))
                .isInstanceOf(FunctionCode.NotRunnable.class)
                .hasMessageStartingWith("WildRydesStreamProcessor: code not built (no ")
                .hasMessageContaining("examples/wild-rydes/target/wild-rydes-lambda.jar)")
                .hasMessageEndingWith("./mvnw -pl examples/wild-rydes -am package")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aJarIsTheCodeItself() throws IOException {
        Path jar = touch("dist/fn.jar");

        assertThat(FunctionCode.classpath("Fn", jar, project)).containsExactly(jar);
        assertThatThrownBy(() -> FunctionCode.classpath("Gone", project.resolve("dist/gone.jar"), project))
                .hasMessageStartingWith("Gone: CodeUri ").hasMessageContaining("does not exist");
    }

    @Test
    void aZipInLambdasLayoutIsUnpackedOnceClassesFirstThenLib() throws IOException {
        Path zip = zip("dist/fn.zip", Map.of("com/example/Handler.class", "classes", "lib/b.jar", "b", "lib/a.jar", "a", "config.json", "{}"));
        Path unpackRoot = project.resolve("data/code");

        List<Path> classpath = FunctionCode.classpath("Fn", zip, unpackRoot);

        Path folder = classpath.get(0);
        assertThat(folder).startsWith(unpackRoot.resolve("Fn"));
        assertThat(folder.resolve("com/example/Handler.class")).hasContent("classes");
        assertThat(folder.resolve("config.json")).hasContent("{}");
        assertThat(classpath).containsExactly(folder, folder.resolve("lib/a.jar"), folder.resolve("lib/b.jar"));

        Files.writeString(folder.resolve("config.json"), "unpacked once");
        assertThat(FunctionCode.classpath("Fn", zip, unpackRoot)).isEqualTo(classpath);
        assertThat(folder.resolve("config.json")).hasContent("unpacked once");
    }

    @Test
    void aZipEntryPointingOutsideThePackageIsRefused() throws IOException {
        Path zip = zip("evil.zip", Map.of("../../escaped.txt", "x"));

        assertThatThrownBy(() -> FunctionCode.classpath("Fn", zip, project.resolve("data/code")))
                .hasMessageContaining("points outside the package");
        assertThat(project.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void aNonJavaFunctionAndAnUnbuiltOneAreEachOneLineBeforeAnythingRuns() throws IOException {
        Path template = write("template.yaml", """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  PythonFn:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: python3.12, Handler: app.handler, CodeUri: src/}
                  JavaFn:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.B::handle, CodeUri: fn/}
                """);
        write("fn/pom.xml", pom("fn", "<version>1</version>", ""));

        assertThatThrownBy(() -> StackFunctions.of(Template.load(template), project.resolve("data"), JavaRuntimes.ofThisMachine()))
                .isInstanceOf(FunctionCode.NotRunnable.class)
                .satisfies(e -> assertThat(e.getMessage().lines().toList()).satisfiesExactly(
                        line -> assertThat(line).isEqualTo("PythonFn: runtime python3.12 cannot run locally: local mode runs Java "
                                + "functions (java11, java17, java21, java25)"),
                        line -> assertThat(line).startsWith("JavaFn: code not built (no ").contains("fn/target/fn-1.jar")));
    }

    @Test
    void theProjectsOwnFunctionsResolveToTheirModulesBuiltJars() {
        Path root = RepoRoot.find();
        Template template = Template.load(root.resolve("template.yaml"));

        Path consumer = FunctionCode.classpath("ConsumerFunction", template.function("ConsumerFunction").codeUri(), project).get(0);

        assertThat(consumer).isEqualTo(root.resolve("consumer/target/consumer-lambda.jar"));
    }

    private static String pom(String artifactId, String head, String build) {
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  %s
                  <groupId>g</groupId>
                  <artifactId>%s</artifactId>
                  %s
                </project>
                """.formatted(head, artifactId, build);
    }

    private Path write(String relative, String text) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private Path touch(String relative) throws IOException {
        return write(relative, "");
    }

    private Path zip(String relative, Map<String, String> entries) throws IOException {
        Path zip = project.resolve(relative);
        Files.createDirectories(zip.getParent());
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }
}
