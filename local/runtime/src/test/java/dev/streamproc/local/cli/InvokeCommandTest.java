package dev.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.lambda.ProbeFunctions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamproc invoke} on a small template whose function's CodeUri holds a deployment jar built here. */
class InvokeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeStack() throws IOException {
        Files.writeString(project.resolve("template.yaml"), """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Runtime: java21
                    MemorySize: 256
                    Timeout: 20
                Resources:
                  ProbeFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: probe/
                      Handler: dev.streamproc.local.lambda.testfunction.ProbeFunction::handleRequest
                      Environment:
                        Variables:
                          TABLE_NAME: !Sub ${AWS::StackName}-EventData
                  UnbuiltFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: unbuilt/
                      Handler: dev.streamproc.Unbuilt::handleRequest
                """);
        ProbeFunctions.packageProbeJar(project.resolve("probe/target/probe-lambda.jar"));
    }

    @Test
    void printsTheResponsePayloadOfTheFunction() throws IOException {
        Path event = Files.writeString(project.resolve("event.json"), "{\"action\":\"env\"}");

        int status = invoke("ProbeFunction", "--event", event.toString());

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode reply = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(reply.path("env").path("TABLE_NAME").asText()).isEqualTo("teststack-EventData");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no local cloud is running").contains("cold start ProbeFunction");
    }

    @Test
    void sendsAnEmptyObjectWithoutAnEventFile() throws IOException {
        int status = invoke("ProbeFunction");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(JSON.readTree(out.toString(StandardCharsets.UTF_8)).path("event").size()).isZero();
    }

    @Test
    void exitsNonZeroWithTheFunctionError() throws IOException {
        Path event = Files.writeString(project.resolve("event.json"), "{\"action\":\"fail\",\"record\":\"r-7\"}");

        int status = invoke("ProbeFunction", "--event", event.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("java.lang.IllegalStateException: cannot process r-7");
    }

    @Test
    void explainsAMissingDeploymentJarOrFunction() {
        assertThat(invoke("UnbuiltFunction")).isEqualTo(1);
        assertThat(invoke("NoSuchFunction")).isEqualTo(1);
        assertThat(invoke()).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("run ./mvnw package").contains("NoSuchFunction").contains("usage:");
    }

    private int invoke(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--template", project.resolve("template.yaml").toString(), "--stack-name", "teststack",
                "--data-dir", project.resolve("data").toString()));
        if (args.length == 0) {
            all = all.subList(0, 0);
        }
        return InvokeCommand.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
