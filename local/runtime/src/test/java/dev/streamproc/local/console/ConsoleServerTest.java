package dev.streamproc.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** What keeps the console's pages and API to this machine and this page: loopback, token, content types, policy. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(30)
class ConsoleServerTest {

    static final String XSS = "<img src=x onerror=alert(1)>";

    ConsoleServer server;
    final AtomicInteger changes = new AtomicInteger();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start() throws IOException {
        Routes routes = new Routes()
                .get("/record", r -> Map.of("text", XSS + "\u0007 & 'quoted'"))
                .get("/page", r -> Map.of("limit", r.intParam("limit", 25, 1, 200)))
                .post("/change", r -> Map.of("changed", changes.incrementAndGet(), "name", r.bodyText("name")));
        server = ConsoleServer.start(0, routes);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(server.url()).startsWith("http://127.0.0.1:");
    }

    @Test
    void thePageLoadsOnlyItsOwnScriptsUnderAStrictPolicy() throws Exception {
        HttpResponse<String> page = get("/");

        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // every script and stylesheet is a file of the console: no inline code, nothing from elsewhere
        assertThat(Pattern.compile("<script(?![^>]*src=\"/static/)").matcher(page.body()).find()).isFalse();
        assertThat(page.body()).doesNotContain("http://", "https://", "style=");
        HttpResponse<String> script = get("/static/app.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.body()).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }

    @Test
    void onlyNamedStaticFilesAreServed() throws Exception {
        assertThat(get("/static/../ConsoleServer.class").statusCode()).isEqualTo(404);
        assertThat(get("/static/%2e%2e/ConsoleServer.class").statusCode()).isEqualTo(404);
        assertThat(get("/dev/streamproc/local/console/ConsoleServer.class").statusCode()).isEqualTo(404);
    }

    @Test
    void recordTextInTheApiIsJsonTextWithoutMarkup() throws Exception {
        HttpResponse<String> answer = get("/api/record");

        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(answer.body()).doesNotContain("<", ">", "&", "'");
        JsonNode json = ConsoleServer.JSON.readTree(answer.body());
        assertThat(json.get("text").asText()).isEqualTo(XSS + "\u0007 & 'quoted'");
    }

    @Test
    void aStateChangeNeedsThePostTokenAndJson() throws Exception {
        int before = changes.get();
        String token = server.token();

        assertThat(post("/api/change", "{\"name\":\"x\"}", "Content-Type", "application/json").statusCode()).isEqualTo(403);
        assertThat(post("/api/change", "{\"name\":\"x\"}", "Content-Type", "application/json", ConsoleServer.TOKEN_HEADER, "guess").statusCode())
                .isEqualTo(403);
        // a cross-site HTML form can send text/plain, never application/json
        assertThat(post("/api/change", "{\"name\":\"x\"}", "Content-Type", "text/plain", ConsoleServer.TOKEN_HEADER, token).statusCode())
                .isEqualTo(403);
        assertThat(post("/api/change", "{\"name\":\"x\"}", "Content-Type", "application/json", ConsoleServer.TOKEN_HEADER, token,
                "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(get("/api/change").statusCode()).isEqualTo(405);
        assertThat(changes.get()).isEqualTo(before);

        HttpResponse<String> ok = post("/api/change", "{\"name\":\"x\"}", "Content-Type", "application/json", ConsoleServer.TOKEN_HEADER, token,
                "Origin", "http://127.0.0.1:" + server.port());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(changes.get()).isEqualTo(before + 1);
    }

    @Test
    void noCrossOriginReads() throws Exception {
        HttpResponse<String> answer = get("/api/record", "Origin", "http://evil.example");

        assertThat(answer.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    @Test
    void aRequestForAnotherHostNameIsRefused() throws Exception {
        // DNS rebinding: evil.example resolved to 127.0.0.1 still sends its own name as Host
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/record HTTP/1.1\r\nHost: evil.example:" + server.port() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 421").doesNotContain("onerror");
        }
    }

    @Test
    void badParametersGetAClearError() throws Exception {
        HttpResponse<String> answer = get("/api/page?limit=100000");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(ConsoleServer.JSON.readTree(answer.body()).get("error").asText()).isEqualTo("limit must be between 1 and 200, was 100000");
        assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
    }
}
