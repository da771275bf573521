package dev.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamproc.local.LocalPipeline;
import dev.streamproc.local.lambda.ProbeFunctions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;

/**
 * {@code up --template PATH --stack-name NAME --data-dir DIR --free-ports}, twice at once: two stacks of any
 * template side by side, each with its own servers, functions, state and logs.
 */
class SideBySideStacksTest {

    @TempDir
    Path project;

    @Test
    @Timeout(240)
    void twoStacksOfOneTemplateRunSideBySideWithoutSeeingEachOther() throws Exception {
        Files.createDirectories(project.resolve("app"));
        Path template = Files.writeString(project.resolve("app/template.yaml"), templateText(), StandardCharsets.UTF_8);
        ProbeFunctions.packageProbeJar(project.resolve("app/probe/target/probe-lambda.jar"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        try (LocalPipeline blue = up(out, template, "blue"); LocalPipeline green = up(out, template, "green")) {
            assertThat(blue.cloud().endpoints().kinesis()).isNotEqualTo(green.cloud().endpoints().kinesis());
            assertThat(env("blue")).isNotEqualTo(env("green")).contains(blue.cloud().endpoints().dynamodb())
                    .contains("export AWS_ENDPOINT_URL_LAMBDA=" + blue.runtime().lambdaApiEndpoint() + "\n");
            put(blue, "blue-Records", "for blue");
            put(green, "green-Records", "for green");

            Path blueLog = project.resolve("blue/logs/Recorder.log");
            Path greenLog = project.resolve("green/logs/Recorder.log");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> contains(blueLog, encoded("for blue")) && contains(greenLog, encoded("for green")));
            assertThat(Files.readString(blueLog)).doesNotContain(encoded("for green"));
            assertThat(Files.readString(greenLog)).doesNotContain(encoded("for blue"));
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("stack 'blue' from " + template, "stack 'green' from " + template);
    }

    private LocalPipeline up(PrintStream out, Path template, String stack) {
        CommandLine cli = Streamproc.commandLine(out, out);
        cli.parseArgs("up", "--template", template.toString(), "--stack-name", stack, "--data-dir", project.resolve(stack).toString(),
                "--free-ports");
        UpCommand up = cli.getSubcommands().get("up").getCommand();
        return UpCommand.start(up.options(), out);
    }

    private String env(String stack) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        assertThat(Streamproc.run(List.of("env", "--data-dir", project.resolve(stack).toString()), out, out)).isZero();
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static void put(LocalPipeline stack, String streamName, String text) {
        try (var kinesis = stack.cloud().kinesisClient()) {
            kinesis.putRecord(r -> r.streamName(streamName).partitionKey("k").data(SdkBytes.fromUtf8String(text)));
        }
    }

    private static boolean contains(Path log, String text) throws IOException {
        return Files.exists(log) && Files.readString(log).contains(text);
    }

    private static String encoded(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String templateText() {
        return """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Records:
                    Type: AWS::Kinesis::Stream
                    Properties: {ShardCount: 1}
                  Recorder:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      CodeUri: probe/
                      Handler: %s
                      MemorySize: 256
                      Timeout: 30
                      Events:
                        Stream:
                          Type: Kinesis
                          Properties: {Stream: !GetAtt Records.Arn, StartingPosition: TRIM_HORIZON}
                """.formatted(ProbeFunctions.HANDLER);
    }
}
