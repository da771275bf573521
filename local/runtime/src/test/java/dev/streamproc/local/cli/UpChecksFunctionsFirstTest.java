package dev.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code up --template PATH} with a function that cannot run: one line per such function, and nothing started. */
class UpChecksFunctionsFirstTest {

    @TempDir
    Path project;

    @Test
    @Timeout(30)
    void aFunctionThatIsNotBuiltOrNotJavaStopsUpBeforeAnyServerStarts() throws Exception {
        Files.writeString(project.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Stream:
                    Type: AWS::Kinesis::Stream
                    Properties: {ShardCount: 1}
                  NodeLogger:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: nodejs20.x, Handler: index.handler, CodeUri: node/}
                  Processor:
                    Type: AWS::Serverless::Function
                    Properties: {Runtime: java21, Handler: a.B::handle, CodeUri: processor/}
                """);
        Files.createDirectories(project.resolve("processor"));
        Files.writeString(project.resolve("processor/pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                  <groupId>g</groupId><artifactId>processor</artifactId><version>1</version></project>
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long childrenBefore = ProcessHandle.current().children().count();

        int status = Streamproc.run(List.of("up", "--template", project.resolve("template.yaml").toString(),
                        "--data-dir", project.resolve("data").toString(), "--free-ports"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
                line -> assertThat(line).isEqualTo("streamproc up: NodeLogger: runtime nodejs20.x cannot run locally: "
                        + "local mode runs Java functions (java11, java17, java21, java25)"),
                line -> assertThat(line).startsWith("Processor: code not built (no ").contains("processor/target/processor-1.jar"));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("local cloud up");
        assertThat(project.resolve("data/state.json")).doesNotExist();
        assertThat(ProcessHandle.current().children().count()).isEqualTo(childrenBefore);
    }
}
