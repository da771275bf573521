package dev.streamproc.transformer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streamproc.model.AthenaRow;
import dev.streamproc.model.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handler inside the real Lambda Java runtime (aws-lambda-java-runtime-interface-client), in a child JVM, fed one
 * Firehose event through a minimal Lambda Runtime API on loopback: what Firehose would receive, byte for byte.
 */
class RuntimeInterfaceClientTest {

    private static final String NEXT = "/2018-06-01/runtime/invocation/next";

    @TempDir
    Path work;

    @Test
    void theRealRuntimeAnswersFirehoseWithTheExpectedJson() throws Exception {
        byte[] event = getClass().getResourceAsStream("/firehose-event.json").readAllBytes();
        CompletableFuture<String> posted = new CompletableFuture<>();
        AtomicBoolean handedOut = new AtomicBoolean();
        CountDownLatch stop = new CountDownLatch(1);
        HttpServer runtimeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        runtimeApi.createContext("/2018-06-01/runtime/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals(NEXT) && !handedOut.getAndSet(true)) {
                handOut(exchange, event);
            } else if (path.equals(NEXT)) {
                await(stop); // one invocation only: the runtime waits here until the test ends
                exchange.close();
            } else {
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
                posted.complete(path + "\n" + new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        runtimeApi.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        runtimeApi.start();
        Process runtime = startRuntime(runtimeApi.getAddress().getPort());
        try {
            String[] answer = posted.get(90, TimeUnit.SECONDS).split("\n", 2);

            assertThat(answer[0]).as("posted as the invocation's response, not an error")
                    .isEqualTo("/2018-06-01/runtime/invocation/req-1/response");
            JsonNode records = new ObjectMapper().readTree(answer[1]).get("records");
            assertThat(records).hasSize(3);
            assertThat(records.get(0).get("result").asText()).isEqualTo("Ok");
            assertThat(Base64.getDecoder().decode(records.get(0).get("data").asText()))
                    .isEqualTo(AthenaRow.toJsonLine(Fixtures.tweet("v1-japanese.json")));
            assertThat(records.get(1).get("result").asText()).isEqualTo("Dropped");
            assertThat(records.get(2).get("result").asText()).isEqualTo("ProcessingFailed");
            assertThat(Files.readString(work.resolve("runtime.log")))
                    .as("Powertools JSON log lines").contains("\"message\":\"batch transformed\"");
        } finally {
            stop.countDown();
            runtime.destroy();
            if (!runtime.waitFor(10, TimeUnit.SECONDS)) {
                runtime.destroyForcibly();
            }
            runtimeApi.stop(0);
        }
    }

    private static void handOut(HttpExchange exchange, byte[] event) throws IOException {
        var headers = exchange.getResponseHeaders();
        // The runtime's native client crashes without Content-Type or Trace-Id.
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", "req-1");
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:transformer");
        headers.set("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
        exchange.sendResponseHeaders(200, event.length);
        exchange.getResponseBody().write(event);
        exchange.close();
    }

    private Process startRuntime(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "dev.streamproc.transformer.TransformerHandler::handleRequest");
        builder.environment().put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + port);
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "transformer");
        builder.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        builder.environment().put("AWS_EMF_ENVIRONMENT", "Local");
        File log = work.resolve("runtime.log").toFile();
        return builder.redirectErrorStream(true).redirectOutput(log).start();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
