package dev.streamproc.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The local runtime runs real handlers in real child JVMs under the Runtime Interface Client. */
class LocalLambdaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static final ByteArrayOutputStream consoleBytes = new ByteArrayOutputStream();
    private static LocalLambda lambda;

    @BeforeAll
    static void startRuntime() {
        PrintStream console = new PrintStream(consoleBytes, true, StandardCharsets.UTF_8);
        RuntimeOptions options = RuntimeOptions.forDataDirectory(dataDir, ProbeFunctions.sdkEnvironment(), console, false)
                .withMaxContainersPerFunction(2);
        lambda = new LocalLambda(List.of(
                ProbeFunctions.probe("EchoFunction", Duration.ofSeconds(30), Map.of("TABLE_NAME", "test-stack-EventData")),
                ProbeFunctions.probe("FailingFunction", Duration.ofSeconds(30), Map.of()),
                ProbeFunctions.probe("SlowFunction", Duration.ofSeconds(2), Map.of()),
                ProbeFunctions.probe("CrashingFunction", Duration.ofSeconds(30), Map.of()),
                ProbeFunctions.probe("ConcurrentFunction", Duration.ofSeconds(30), Map.of()),
                ProbeFunctions.probe("MissingHandlerFunction", "dev.streamproc.NoSuchHandler::handleRequest", Duration.ofSeconds(30), Map.of())),
                options);
    }

    @AfterAll
    static void stopRuntime() {
        lambda.close();
    }

    @Test
    void returnsTheHandlersResponseWithALambdaContext() throws IOException {
        InvocationResult result = invoke("EchoFunction", "{\"action\":\"echo\",\"text\":\"Grüße 你好\"}");

        assertThat(result.succeeded()).isTrue();
        JsonNode reply = JSON.readTree(result.payload());
        assertThat(reply.path("event").path("text").asText()).isEqualTo("Grüße 你好");
        assertThat(reply.path("functionName").asText()).isEqualTo("test-stack-EchoFunction");
        assertThat(reply.path("invokedFunctionArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:test-stack-EchoFunction");
        assertThat(reply.path("memoryLimitMb").asInt()).isEqualTo(256);
        assertThat(reply.path("remainingMs").asLong()).isBetween(1L, 30_000L);
        assertThat(reply.path("requestId").asText()).hasSize(36);
    }

    @Test
    void reusesAWarmContainerAndFindsFunctionsByNameOrArn() throws IOException {
        long first = pid(invoke("EchoFunction", "{}"));
        long byName = pid(invoke("test-stack-EchoFunction", "{}"));
        long byArn = pid(invoke("arn:aws:lambda:us-east-1:123456789012:function:test-stack-EchoFunction:$LATEST", "{}"));

        assertThat(byName).isEqualTo(first);
        assertThat(byArn).isEqualTo(first);
        assertThatThrownBy(() -> lambda.invoke("NoSuchFunction", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoSuchFunction");
    }

    @Test
    void givesTheHandlerTheTemplateEnvironmentAndWhatLambdaSets() throws IOException {
        JsonNode reply = JSON.readTree(invoke("EchoFunction", "{\"action\":\"env\"}").payload());
        JsonNode env = reply.path("env");

        assertThat(env.path("TABLE_NAME").asText()).isEqualTo("test-stack-EventData");
        assertThat(env.path("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("test-stack-EchoFunction");
        assertThat(env.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(env.path("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
        assertThat(env.path("AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/aws/lambda/test-stack-EchoFunction");
        assertThat(env.path("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_java21");
        assertThat(env.path("AWS_REGION").asText()).isEqualTo("us-east-1");
        assertThat(env.path("AWS_ENDPOINT_URL_DYNAMODB").asText()).isEqualTo("http://127.0.0.1:4569");
        assertThat(env.path("AWS_ACCESS_KEY_ID").asText()).isEqualTo("local");
        assertThat(env.path("AWS_LAMBDA_RUNTIME_API").asText()).startsWith("127.0.0.1:");
        // a clean environment, as on AWS: nothing leaks in from the process that runs the runtime
        assertThat(env.has("AWS_EMF_ENVIRONMENT")).isFalse();
        assertThat(reply.path("maxHeapMb").asLong()).isBetween(150L, 205L);
        assertThat(reply.path("defaultCharset").asText()).isEqualTo("UTF-8");
        // the function's output reaches the log through a pipe read by another thread, as CloudWatch Logs receive it
        // after the invocation: wait for it, bounded
        Path log = dataDir.resolve("logs").resolve("EchoFunction.log");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(log)).contains("stdout says 東京"));
        // the client's JNI library comes from the data directory, not the /tmp file every client JVM rewrites
        assertThat(ProcessHandle.of(reply.path("pid").asLong()).flatMap(p -> p.info().arguments()).orElseThrow())
                .anyMatch(arg -> arg.startsWith("-D" + RuntimeNativeLibrary.PROPERTY + "=" + dataDir.resolve("lambda/jni/libaws-lambda-jni.")));
    }

    @Test
    void reportsAFunctionErrorAsTheRuntimeSentItAndKeepsTheContainer() throws IOException {
        InvocationResult failed = invoke("FailingFunction", "{\"action\":\"fail\",\"record\":\"seq-42\"}");
        long pidAfterFailure = pid(invoke("FailingFunction", "{}"));
        long pidLater = pid(invoke("FailingFunction", "{}"));

        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.timedOut()).isFalse();
        assertThat(failed.errorType()).isEqualTo("java.lang.IllegalStateException");
        assertThat(failed.errorMessage()).isEqualTo("cannot process seq-42");
        assertThat(pidLater).isEqualTo(pidAfterFailure);
    }

    @Test
    void killsAnInvocationPastItsTimeoutAndStartsAFreshContainer() throws IOException {
        long before = pid(invoke("SlowFunction", "{}"));

        InvocationResult timedOut = invoke("SlowFunction", "{\"action\":\"sleep\",\"millis\":20000}");
        long after = pid(invoke("SlowFunction", "{}"));

        assertThat(timedOut.timedOut()).isTrue();
        assertThat(timedOut.succeeded()).isFalse();
        assertThat(timedOut.errorType()).isEqualTo("Sandbox.Timedout");
        assertThat(timedOut.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(after).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void reportsACrashedContainerAsExitErrorAndReplacesIt() throws IOException {
        long before = pid(invoke("CrashingFunction", "{}"));

        InvocationResult crashed = invoke("CrashingFunction", "{\"action\":\"exit\",\"status\":7}");
        InvocationResult next = invoke("CrashingFunction", "{}");

        assertThat(crashed.errorType()).isEqualTo("Runtime.ExitError");
        assertThat(crashed.errorMessage()).contains("exit status 7");
        assertThat(next.succeeded()).isTrue();
        assertThat(pid(next)).isNotEqualTo(before);
    }

    @Test
    void reportsAHandlerThatCannotBeLoadedAsAnInitError() {
        InvocationResult result = invoke("MissingHandlerFunction", "{}");

        assertThat(result.succeeded()).isFalse();
        assertThat(result.errorType()).isEqualTo("java.lang.ClassNotFoundException");
        assertThat(result.errorMessage()).contains("NoSuchHandler");
    }

    @Test
    void startsAnotherContainerWhenAllAreBusyUpToTheLimit() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<InvocationResult>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> invoke("ConcurrentFunction", "{\"action\":\"sleep\",\"millis\":1500}"), callers));
            }
            List<Long> pids = new ArrayList<>();
            for (CompletableFuture<InvocationResult> call : calls) {
                pids.add(pid(call.get()));
            }
            assertThat(pids.stream().distinct().count()).isEqualTo(2);
            assertThat(lambda.liveContainers().get("ConcurrentFunction")).isEqualTo(2);
        } finally {
            callers.shutdown();
        }
    }

    @Test
    void logsColdStartsAndTheFunctionOutputPerFunction() throws IOException {
        invoke("EchoFunction", "{}");

        assertThat(consoleBytes.toString(StandardCharsets.UTF_8)).containsPattern("cold start EchoFunction [0-9,]+ ms");
        assertThat(lambda.coldStarts().get("EchoFunction")).isNotEmpty().allMatch(d -> d.toMillis() > 0);
        Path log = dataDir.resolve("logs").resolve("EchoFunction.log");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(log)).contains("probe echo in "));
        assertThat(Files.readString(log)).containsPattern("START RequestId: \\S+ Version: \\$LATEST")
                .containsPattern("REPORT RequestId: \\S+\tDuration: [0-9.]+ ms\tBilled Duration: [0-9]+ ms\tMemory Size: 256 MB");
    }

    private static InvocationResult invoke(String function, String event) {
        return lambda.invoke(function, event.getBytes(StandardCharsets.UTF_8));
    }

    private static long pid(InvocationResult result) throws IOException {
        assertThat(result.succeeded()).as("%s: %s", result.errorType(), result.errorMessage()).isTrue();
        return JSON.readTree(result.payload()).path("pid").asLong();
    }
}
