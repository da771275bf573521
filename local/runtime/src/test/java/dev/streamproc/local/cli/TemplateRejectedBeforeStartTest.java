package dev.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up} refuses a template CloudFormation would refuse, and a function it cannot run, before any server starts:
 * one line each naming the parameter or resource, no stack trace, nothing left running (issue 11, item 6).
 */
@Timeout(60)
class TemplateRejectedBeforeStartTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** Servers other test classes share in this JVM (e.g. StreamTestServers) are not this test's. */
    private final java.util.Set<ProcessHandle> childrenBefore = java.util.Set.copyOf(ProcessHandle.current().children().toList());
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int up(String... args) {
        List<String> all = new ArrayList<>(List.of("up", "--free-ports", "--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        return Streamproc.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> errorLines() {
        return err.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void assertNothingStarted() {
        assertThat(ProcessHandle.current().children().filter(p -> !childrenBefore.contains(p)).toList()).isEmpty();
        assertThat(dir.resolve("data/state.json")).doesNotExist();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("local cloud up");
    }

    @Test
    void parameterValuesOutsideTheTemplatesConstraints() {
        assertThat(up("--parameter", "ShardCount=0", "--parameter", "StreamRetentionHours=99999999999")).isEqualTo(1);

        assertThat(errorLines()).containsExactly(
                "streamproc up: parameter 'ShardCount' = '0' is below its MinValue 1",
                "parameter 'StreamRetentionHours' = '99999999999' is above its MaxValue 8760");
        assertNothingStarted();
    }

    @Test
    void anUnknownTagAndAnImportNameTheResourceAndProperty() throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, """
                AWSTemplateFormatVersion: '2010-09-09'
                Resources:
                  Stream:
                    Type: AWS::Kinesis::Stream
                    Properties:
                      Name: !Bogus foo
                      ShardCount: 1
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !ImportValue shared-table-name
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: Id, AttributeType: S}]
                      KeySchema: [{AttributeName: Id, KeyType: HASH}]
                """);

        assertThat(up("--template", template.toString())).isEqualTo(1);

        List<String> lines = errorLines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("streamproc up: Resources.Stream.Properties.Name: unknown tag !Bogus (line 6)");
        assertThat(lines.get(1)).startsWith("Resources.Table.Properties.TableName: Fn::ImportValue 'shared-table-name' reads another stack's export");
        assertNothingStarted();
    }

    @Test
    void aMissingDeploymentJarIsOneLineNamingTheFunction() throws Exception {
        Path template = dir.resolve("template.yaml");
        Files.createDirectories(dir.resolve("worker"));
        Files.writeString(template, """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Worker:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: worker/
                      Handler: example.Worker::handleRequest
                      Runtime: java21
                """);

        assertThat(up("--template", template.toString())).isEqualTo(1);

        assertThat(errorLines()).hasSize(1);
        // an empty CodeUri folder: no module to build, no jar, no classes (FunctionCode's one line)
        assertThat(errorLines().get(0)).startsWith("streamproc up: Worker: CodeUri " + dir.resolve("worker"))
                .contains("holds no pom.xml, no classes and no lib/*.jar");
        assertNothingStarted();
    }
}
