package dev.streamproc.local.lambda.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamproc.local.esm.EsmSettings;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.esm.KinesisEventFormat;
import dev.streamproc.local.esm.MappingUuid;
import dev.streamproc.local.esm.StreamTestServers;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.stream.KinesisStreamSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The local Lambda API through a real SDK v2 {@link LambdaClient}: operations, headers and shapes as the Lambda API
 * reference documents them (Invoke: {@code X-Amz-Function-Error}, 202 for Event, 204 for DryRun) and as AWS
 * recorded the mapping configuration ({@code create_event_source_mapping_response} in LocalStack's
 * {@code test_lambda_integration_kinesis.snapshot.json}).
 */
@Timeout(60)
class LambdaApiServerTest {

    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:streamproc-consumer";
    private final StreamTestServers servers = StreamTestServers.get();
    private final List<String> streams = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A fresh stream, deleted after the test. */
    private String fresh(String base, int shards) {
        String arn = servers.freshStream(base, shards);
        streams.add(arn);
        return arn;
    }
    private final List<String> invocations = new CopyOnWriteArrayList<>();
    private final List<EventSourceMapping> mappings = new CopyOnWriteArrayList<>();
    private final FunctionSpec function = new FunctionSpec("ConsumerFunction", "streamproc-consumer", ARN, List.of(),
            "dev.streamproc.consumer.Handler::handleRequest", 512, Duration.ofSeconds(30), Map.of("TABLE_NAME", "EventData"));
    private final LambdaInvoker invoker = (id, event) -> {
        String text = new String(event, StandardCharsets.UTF_8);
        invocations.add(text);
        return text.contains("fail") ? LambdaInvoker.InvocationResult.error("java.lang.IllegalStateException", "failed on purpose", Duration.ZERO)
                : LambdaInvoker.InvocationResult.success(("{\"echo\":" + text + "}").getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    };
    private LambdaApiServer api;
    private LambdaClient lambda;

    @TempDir
    Path dataDir;

    @BeforeEach
    void start() {
        api = LambdaApiServer.start(0, invoker, List.of(function), mappings);
        lambda = LambdaClient.builder().endpointOverride(URI.create(api.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void stop() {
        mappings.forEach(m -> m.stop(1000));
        streams.forEach(servers::deleteStream);
        lambda.close();
        api.close();
    }

    @Test
    void invokeRequestResponseReturnsThePayload() {
        InvokeResponse response = lambda.invoke(r -> r.functionName("streamproc-consumer").payload(SdkBytes.fromUtf8String("{\"n\":1}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        assertThat(response.payload().asUtf8String()).isEqualTo("{\"echo\":{\"n\":1}}");
    }

    @Test
    void aFunctionErrorIsUnhandledWithTheErrorAsPayload() {
        InvokeResponse response = lambda.invoke(r -> r.functionName(ARN).payload(SdkBytes.fromUtf8String("\"fail\"")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.payload().asUtf8String()).contains("\"errorMessage\":\"failed on purpose\"")
                .contains("\"errorType\":\"java.lang.IllegalStateException\"");
    }

    @Test
    void eventIsAcceptedWith202AndRunsLater() {
        InvokeResponse response = lambda.invoke(r -> r.functionName("streamproc-consumer").invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"async\":true}")));

        assertThat(response.statusCode()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (invocations.isEmpty() && System.nanoTime() < deadline) {
            StreamTestServers.sleep(20);
        }
        assertThat(invocations).containsExactly("{\"async\":true}");
    }

    @Test
    void dryRunChecksWithoutInvoking() {
        InvokeResponse response = lambda.invoke(r -> r.functionName("streamproc-consumer").invocationType(InvocationType.DRY_RUN));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(invocations).isEmpty();
    }

    @Test
    void listAndGetFunctionDescribeTheTemplatesFunctions() {
        List<FunctionConfiguration> functions = lambda.listFunctions().functions();

        assertThat(functions).singleElement().satisfies(f -> {
            assertThat(f.functionName()).isEqualTo("streamproc-consumer");
            assertThat(f.functionArn()).isEqualTo(ARN);
            assertThat(f.memorySize()).isEqualTo(512);
            assertThat(f.timeout()).isEqualTo(30);
            assertThat(f.handler()).isEqualTo("dev.streamproc.consumer.Handler::handleRequest");
            assertThat(f.runtimeAsString()).isEqualTo("java21");
            assertThat(f.environment().variables()).containsEntry("TABLE_NAME", "EventData");
        });
        assertThat(lambda.getFunction(r -> r.functionName(ARN)).configuration().functionName()).isEqualTo("streamproc-consumer");
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("no-such-function")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("no-such-function")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void mappingsAreListedAndUpdateEnablesAndResizesThem() {
        String stream = fresh("lambda-api", 1);
        EsmSettings settings = EsmSettings.builder("ConsumerFunction", ARN, stream).batchSize(100).enabled(false)
                .idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(20)).build();
        EventSourceMapping mapping = new EventSourceMapping(settings, new KinesisStreamSource(servers.kinesis, stream),
                new KinesisEventFormat(stream, "us-east-1", "arn:aws:iam::000000000000:role/r"), invoker, null, dataDir);
        mappings.add(mapping.start());
        String uuid = MappingUuid.of(ARN, stream);
        servers.put(stream, List.<String[]>of(new String[] {"k", "a"}, new String[] {"k", "b"}, new String[] {"k", "c"}));

        List<EventSourceMappingConfiguration> listed = lambda.listEventSourceMappings(r -> r.functionName("streamproc-consumer"))
                .eventSourceMappings();
        assertThat(listed).singleElement().satisfies(m -> {
            assertThat(m.uuid()).isEqualTo(uuid);
            assertThat(m.eventSourceArn()).isEqualTo(stream);
            assertThat(m.functionArn()).isEqualTo(ARN);
            assertThat(m.state()).isEqualTo("Disabled");
            assertThat(m.batchSize()).isEqualTo(100);
            assertThat(m.eventSourceMappingArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + uuid);
        });
        StreamTestServers.sleep(300);
        assertThat(invocations).isEmpty();

        var updated = lambda.updateEventSourceMapping(r -> r.uuid(uuid).enabled(true).batchSize(1));

        assertThat(updated.state()).isEqualTo("Enabled");
        assertThat(updated.batchSize()).isEqualTo(1);
        assertThat(lambda.getEventSourceMapping(r -> r.uuid(uuid)).batchSize()).isEqualTo(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (invocations.size() < 3 && System.nanoTime() < deadline) {
            StreamTestServers.sleep(20);
        }
        assertThat(invocations).hasSize(3).allSatisfy(event -> assertThat(event).contains("\"Records\":[{"));
        assertThatThrownBy(() -> lambda.getEventSourceMapping(r -> r.uuid("00000000-0000-0000-0000-000000000000")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    // Lambda API reference, Invoke: with LogType Tail the response's LogResult (X-Amz-Log-Result) is the last 4 KB of
    // the invocation's execution log, base64-encoded. A real handler under the Runtime Interface Client: the tail holds
    // its START line, what it printed, END and REPORT; a log longer than 4 KB is cut to its last 4 KB.
    @Test
    @Timeout(90)
    void invokeWithLogTypeTailReturnsTheLastFourKilobytesOfTheInvocationsLog() {
        FunctionSpec probe = dev.streamproc.local.lambda.ProbeFunctions.probe("Probe", Duration.ofSeconds(30), Map.of());
        try (var local = new dev.streamproc.local.lambda.LocalLambda(List.of(probe),
                dev.streamproc.local.lambda.RuntimeOptions.forDataDirectory(dataDir, Map.of(), null, false));
             LambdaApiServer real = LambdaApiServer.start(0, local, List.of(probe), List.of());
             LambdaClient client = LambdaClient.builder().endpointOverride(URI.create(real.endpoint())).region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            InvokeResponse small = client.invoke(r -> r.functionName(probe.functionName()).logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{\"action\":\"echo\",\"word\":\"tail-me\"}")));
            String requestId = small.responseMetadata().requestId();
            String log = new String(Base64.getDecoder().decode(small.logResult()), StandardCharsets.UTF_8);

            assertThat(log).startsWith("START RequestId: " + requestId + " Version: $LATEST\n")
                    .contains("probe echo in " + requestId).contains("tail-me")
                    .contains("END RequestId: " + requestId + "\n").contains("REPORT RequestId: " + requestId);
            assertThat(client.invoke(r -> r.functionName(probe.functionName()).payload(SdkBytes.fromUtf8String("{}"))).logResult())
                    .isNull();

            String big = "x".repeat(10_000);
            InvokeResponse large = client.invoke(r -> r.functionName(probe.functionName()).logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{\"action\":\"echo\",\"big\":\"" + big + "\"}")));
            byte[] tail = Base64.getDecoder().decode(large.logResult());
            assertThat(tail).hasSize(4096);
            assertThat(new String(tail, StandardCharsets.UTF_8)).startsWith("xxxx")
                    .contains("REPORT RequestId: " + large.responseMetadata().requestId());
        }
    }

    // Lambda developer guide, "How Lambda handles errors and retries with asynchronous invocation": a function error is
    // tried two more times, the first retry a minute after the first attempt and the second two minutes after that
    // (here the local first-retry delay is shortened to 200 ms; the shape stays), with the same request id.
    @Test
    void anAsynchronousInvocationThatFailsIsRetriedTwiceWithGrowingWaits() {
        List<Long> at = new CopyOnWriteArrayList<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        LambdaInvoker failing = new LambdaInvoker() {
            @Override
            public InvocationResult invoke(String functionId, byte[] event) {
                throw new AssertionError("invoked without a request id");
            }

            @Override
            public InvocationResult invoke(String functionId, byte[] event, String requestId) {
                at.add(System.nanoTime());
                ids.add(requestId);
                return InvocationResult.error("java.lang.IllegalStateException", "always", Duration.ZERO);
            }
        };
        AsyncRetryPolicy shortened = AsyncRetryPolicy.AWS_DEFAULT.withFirstRetryDelay(Duration.ofMillis(200));
        try (LambdaApiServer async = LambdaApiServer.start(0, failing, List.of(function), List.of(), Map.of("ConsumerFunction", shortened));
             LambdaClient client = client(async)) {
            assertThat(client.invoke(r -> r.functionName("streamproc-consumer").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{}"))).statusCode()).isEqualTo(202);

            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> at.size() >= 3);
            StreamTestServers.sleep(1000);
        }

        assertThat(at).hasSize(3);
        assertThat(ids).containsOnly(ids.get(0));
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isBetween(Duration.ofMillis(200), Duration.ofMillis(390));
        assertThat(Duration.ofNanos(at.get(2) - at.get(1))).isBetween(Duration.ofMillis(400), Duration.ofMillis(790));
    }

    // Lambda developer guide, "Configuring error handling settings for Lambda asynchronous invocations": a function's
    // EventInvokeConfig sets MaximumRetryAttempts (0..2) and MaximumEventAgeInSeconds (60..21600); AWS's defaults are
    // 2 retries, 6 hours, a first retry after one minute.
    @Test
    void eventInvokeConfigSetsTheRetriesAndAwsDefaultsApplyWithoutIt() {
        assertThat(AsyncRetryPolicy.of(null)).isEqualTo(new AsyncRetryPolicy(2, Duration.ofHours(6), Duration.ofMinutes(1)));
        assertThat(AsyncRetryPolicy.AWS_DEFAULT.delayBefore(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(AsyncRetryPolicy.AWS_DEFAULT.delayBefore(2)).isEqualTo(Duration.ofMinutes(2));
        AsyncRetryPolicy none = AsyncRetryPolicy.of(Map.of("MaximumRetryAttempts", 0, "MaximumEventAgeInSeconds", 120));
        assertThat(none.retries(0, Duration.ZERO)).isFalse();
        AsyncRetryPolicy young = AsyncRetryPolicy.of(Map.of("MaximumEventAgeInSeconds", 90));
        assertThat(young.retries(0, Duration.ofSeconds(10))).isTrue();
        assertThat(young.retries(1, Duration.ofSeconds(70))).as("a second retry would come after the event's maximum age").isFalse();
        assertThatThrownBy(() -> AsyncRetryPolicy.of(Map.of("MaximumRetryAttempts", 3)))
                .hasMessage("MaximumRetryAttempts must be 0..2, was 3");
    }

    private static LambdaClient client(LambdaApiServer server) {
        return LambdaClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
