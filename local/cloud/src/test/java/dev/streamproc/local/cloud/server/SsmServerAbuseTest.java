package dev.streamproc.local.cloud.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.local.cloud.Endpoints;
import dev.streamproc.local.cloud.SdkClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The local Parameter Store under hostile clients. Error shapes as AWS's JSON 1.1 protocol answers them (SSM API
 * Reference, "Common Errors" and each action's Errors: 400 with {@code __type} and {@code message}, the type also
 * in {@code x-amzn-ErrorType}); ranges from the API reference (GetParametersByPath MaxResults 1-10,
 * DescribeParameters 1-50).
 */
@Timeout(60)
class SsmServerAbuseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seconds a client may take to send one request: SsmServer.MAX_REQUEST_SECONDS, or what this build sets. */
    private static final long MAX_REQUEST_SECONDS = Long.parseLong(System.getProperty("sun.net.httpserver.maxReqTime", SsmServer.MAX_REQUEST_SECONDS));

    private SsmServer server;
    private SsmClient ssm;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = SsmServer.start();
        ssm = new SdkClients(new Endpoints(null, null, null, null, server.endpoint(), null, "us-east-1", null)).ssm();
        ssm.putParameter(b -> b.name("/app/a").type(ParameterType.STRING).value("1"));
        ssm.putParameter(b -> b.name("/app/b").type(ParameterType.STRING).value("2"));
    }

    @AfterEach
    void stop() {
        ssm.close();
        server.close();
    }

    @Test
    void clientsThatStallMidRequestDoNotBlockOthers() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 16; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"Na").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(socket);
            }
            // well before the stalled requests are dropped: no thread of the server is theirs to hold
            assertTimeoutPreemptively(Duration.ofSeconds(MAX_REQUEST_SECONDS).minusMillis(500), () -> {
                for (int i = 0; i < 5; i++) {
                    assertThat(ssm.getParameter(b -> b.name("/app/a")).parameter().value()).isEqualTo("1");
                }
            });
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aHalfSentRequestIsDroppedAfterTheReadTimeout() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
            socket.getOutputStream().write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(30_000);
            long started = System.nanoTime();
            InputStream in = socket.getInputStream();
            int read;
            try {
                read = in.read();
            } catch (IOException reset) {
                read = -1;
            }
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            assertThat(read).as("the server closes the connection").isEqualTo(-1);
            assertThat(seconds).isLessThanOrEqualTo(MAX_REQUEST_SECONDS + 3); // and the JDK timer's 1 s tick
        }
    }

    @Test
    void malformedJsonIsASerializationException() throws Exception {
        assertError(post("GetParameter", "{\"Name\": \"/app/a\""), "SerializationException");
        assertError(post("GetParameter", "[1,2]"), "SerializationException");
        assertError(post("GetParameter", "not json"), "SerializationException");
    }

    @Test
    void a100000LevelBodyIsASerializationException() throws Exception {
        assertError(post("GetParameter", "[".repeat(100_000) + "]".repeat(100_000)), "SerializationException");
        assertError(post("GetParameter", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000)), "SerializationException");
    }

    @Test
    void badNextTokensAreInvalidNextToken() throws Exception {
        for (String token : List.of("\"abc\"", "\"-5\"", "\"999999\"", "42", "{}")) {
            assertError(post("GetParametersByPath", "{\"Path\":\"/app\",\"NextToken\":" + token + "}"), "InvalidNextToken");
            assertError(post("DescribeParameters", "{\"NextToken\":" + token + "}"), "InvalidNextToken");
        }
    }

    @Test
    void maxResultsOutOfRangeIsAValidationException() throws Exception {
        for (String max : List.of("0", "-1", "11", "2147483647")) {
            assertError(post("GetParametersByPath", "{\"Path\":\"/app\",\"MaxResults\":" + max + "}"), "ValidationException");
        }
        assertError(post("DescribeParameters", "{\"MaxResults\":51}"), "ValidationException");
        assertError(post("DescribeParameters", "{\"MaxResults\":-3}"), "ValidationException");
        assertError(post("GetParametersByPath", "{\"Path\":\"/app\",\"MaxResults\":\"ten\"}"), "SerializationException");
    }

    @Test
    void theServerStillAnswersAfterTheAbuse() throws Exception {
        post("GetParameter", "{{{{");
        post("GetParametersByPath", "{\"Path\":\"/app\",\"NextToken\":\"-1\"}");

        assertThat(ssm.getParametersByPath(b -> b.path("/app").maxResults(1)).parameters()).hasSize(1);
    }

    private HttpResponse<String> post(String action, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .header("X-Amz-Target", "AmazonSSM." + action)
                .header("Content-Type", "application/x-amz-json-1.1")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, String type) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("__type").asText()).isEqualTo(type);
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    }
}
