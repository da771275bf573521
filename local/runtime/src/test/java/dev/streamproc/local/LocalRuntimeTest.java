package dev.streamproc.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.lambda.ProbeFunctions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;

/** {@code up}'s runtime on a real local cloud: a Kinesis record reaches the function through its mapping. */
class LocalRuntimeTest {

    @TempDir
    Path project;

    @Test
    void runsTheTemplatesFunctionsMappingsAndSchedulesOnTheLocalCloud() throws Exception {
        Files.writeString(project.resolve("template.yaml"), """
                AWSTemplateFormatVersion: '2010-09-09'
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Function:
                    Runtime: java21
                    MemorySize: 256
                    Timeout: 20
                Resources:
                  Stream:
                    Type: AWS::Kinesis::Stream
                    Properties:
                      ShardCount: 1
                  ProbeFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: probe/
                      Handler: %s
                      Events:
                        Records:
                          Type: Kinesis
                          Properties:
                            Stream: !GetAtt Stream.Arn
                            StartingPosition: TRIM_HORIZON
                            BatchSize: 10
                        Tick:
                          Type: Schedule
                          Properties:
                            Schedule: rate(5 minutes)
                """.formatted(ProbeFunctions.HANDLER));
        ProbeFunctions.packageProbeJar(project.resolve("probe/target/probe-lambda.jar"));
        LocalCloudConfig config = LocalCloudConfig.builder().dataDir(project.resolve("data")).template(project.resolve("template.yaml"))
                .stackName("rt").out(line -> { }).build();
        String data = "{\"id_str\":\"42\",\"text\":\"héllo\"}";

        List<Long> children;
        try (LocalCloud cloud = LocalCloud.start(config);
             LocalRuntime runtime = LocalRuntime.start(cloud.template(), cloud.endpoints(), cloud.dataDir(),
                     LocalRuntime.Settings.of(null, false))) {
            assertThat(runtime.describe()).anyMatch(l -> l.startsWith("function  ProbeFunction"))
                    .anyMatch(l -> l.startsWith("mapping   ") && l.contains("-> ProbeFunction (batch 10"))
                    .anyMatch(l -> l.startsWith("schedule  rt-ProbeFunctionTick rate"));

            String streamName = cloud.template().physicalName("Stream");
            cloud.kinesisClient().putRecord(r -> r.streamName(streamName).partitionKey("42").data(SdkBytes.fromUtf8String(data)));

            Path log = project.resolve("data/logs/ProbeFunction.log");
            String encoded = Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log) && Files.readString(log).contains(encoded));
            assertThat(Files.readString(log)).contains(encoded).contains("eventSource=aws:kinesis");
            // The Lambda API of the stack, through a real SDK v2 client at the endpoint `streamproc env` prints.
            assertThat(dev.streamproc.local.lambda.api.LambdaApiEndpoint.read(cloud.dataDir())).contains(runtime.lambdaApiEndpoint());
            try (var lambda = software.amazon.awssdk.services.lambda.LambdaClient.builder()
                    .endpointOverride(java.net.URI.create(runtime.lambdaApiEndpoint()))
                    .region(software.amazon.awssdk.regions.Region.of(cloud.endpoints().region()))
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
                assertThat(lambda.listEventSourceMappings().eventSourceMappings()).singleElement()
                        .satisfies(m -> assertThat(m.functionArn()).isEqualTo(cloud.template().function("ProbeFunction").arn()));
                var invoked = lambda.invoke(r -> r.functionName(cloud.template().function("ProbeFunction").arn())
                        .payload(SdkBytes.fromUtf8String("{\"action\":\"echo\"}")));
                assertThat(invoked.functionError()).isNull();
                // The function sees the request id the API reports (as a stream mapping's failure record names it).
                assertThat(invoked.payload().asUtf8String()).contains("\"requestId\":\"" + invoked.responseMetadata().requestId() + "\"");
            }
            children = ProcessHandle.current().children().filter(p -> p.info().command().orElse("").endsWith("java"))
                    .map(ProcessHandle::pid).toList();
            assertThat(children).isNotEmpty();
        }

        assertThat(children).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(dev.streamproc.local.lambda.api.LambdaApiEndpoint.read(project.resolve("data"))).isEmpty();
    }
}
