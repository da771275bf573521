package dev.streamproc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Malformed requests to the Runtime API get 400 with a reason, never a stack trace, and cannot hold a thread. */
@Timeout(60)
class RuntimeApiMalformedRequestTest {

    private static final String NEXT = "/2018-06-01/runtime/invocation/next";

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private RuntimeApiServer api;

    @BeforeEach
    void start() throws IOException {
        originalErr = System.err;
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
        api = new RuntimeApiServer("arn:aws:lambda:us-east-1:000000000000:function:f", () -> { }, error -> { });
    }

    @AfterEach
    void stop() {
        api.close();
        System.setErr(originalErr);
    }

    @Test
    void malformedRequestsAreAnswered400WithAReasonAndNoStackTrace() throws Exception {
        List<String> requests = List.of(
                "POST /2018-06-01/runtime/invocation/x/response HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
                "POST /2018-06-01/runtime/invocation/x/response HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
                "POST /2018-06-01/runtime/invocation/x/response HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
                "POST /2018-06-01/runtime/invocation/x/response HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "POST /2018-06-01/runtime/invocation/x/response HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n",
                "GET invocation/next HTTP/1.1\r\n\r\n",
                "GET\r\n\r\n",
                "GET / HTTP/1.1 extra\r\n\r\n",
                "GET " + NEXT + " HTTP/1.1\r\nno colon here\r\n\r\n");
        for (String request : requests) {
            String response = exchange(request);
            assertThat(response).as(request).matches("(?s)HTTP/1\\.1 (400|413) [^\r]+\r\n.*\"errorMessage\":\"[^\"]+\".*");
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).as("nothing on the console").isEmpty();
    }

    @Test
    void anOversizedContentLengthIs413() throws Exception {
        assertThat(exchange("POST /2018-06-01/runtime/init/error HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n"))
                .startsWith("HTTP/1.1 413 ");
    }

    @Test
    void malformedRuntimePathsAreClientErrorsNotCrashes() throws Exception {
        for (String path : List.of("/2018-06-01/runtime/invocation/response", "/2018-06-01/runtime/invocation/error",
                "/2018-06-01/runtime/invocation//response", "/2018-06-01/runtime/")) {
            String response = exchange("POST " + path + " HTTP/1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
            assertThat(response).as(path).matches("(?s)HTTP/1\\.1 4\\d\\d .*");
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aHalfSentRequestIsAnswered408WithinTheRequestTime() throws Exception {
        // The same rule on a shorter timer than the 10 s default: the test would otherwise wait it out.
        Duration requestTime = Duration.ofSeconds(2);
        try (RuntimeApiServer shortTimer = new RuntimeApiServer("arn:aws:lambda:us-east-1:000000000000:function:f", () -> { },
                error -> { }, requestTime); Socket socket = connect(shortTimer)) {
            socket.getOutputStream().write(("POST /2018-06-01/runtime/init/error HTTP/1.1\r\nContent-Length: 100\r\n\r\n{")
                    .getBytes(StandardCharsets.ISO_8859_1));
            long started = System.nanoTime();
            String response = readAll(socket.getInputStream());
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

            assertThat(response).startsWith("HTTP/1.1 408 ");
            assertThat(seconds).isLessThanOrEqualTo(requestTime.toSeconds() + 2);
        }
    }

    @Test
    void theServerKeepsServingAfterBadRequests() throws Exception {
        exchange("POST /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n");
        PendingInvocation invocation = new PendingInvocation("req-1", "{}".getBytes(StandardCharsets.UTF_8), 1_900_000_000_000L);
        api.submit(invocation);

        assertThat(exchange("GET " + NEXT + " HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 OK").contains("Lambda-Runtime-Aws-Request-Id: req-1");
    }

    private Socket connect() throws IOException {
        return connect(api);
    }

    private static Socket connect(RuntimeApiServer server) throws IOException {
        String[] hostPort = server.address().split(":");
        Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Sends the bytes and reads until the server closes the connection. */
    private String exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // the server closed after answering
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
