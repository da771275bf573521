package dev.streamproc.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The console's HTTP server: the JDK's HttpServer on 127.0.0.1, serving the static pages from the jar and the JSON
 * API of {@link Routes}. What keeps a page of another site (or a rebound DNS name) from using it:
 * <ul>
 *   <li>the Host header must name this loopback address and port (DNS rebinding);</li>
 *   <li>no CORS headers: other origins cannot read any answer, the token included;</li>
 *   <li>state changes are POST only, with the per-session token in {@code X-Console-Token}, a JSON content type
 *       (not sendable by a plain HTML form) and, when the browser sends one, this origin in {@code Origin};</li>
 *   <li>a strict Content-Security-Policy: scripts and styles from this server only, no inline code, no frames.</li>
 * </ul>
 */
public final class ConsoleServer implements AutoCloseable {

    static final ObjectMapper JSON = JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

    static {
        JSON.getFactory().setCharacterEscapes(new HtmlSafeEscapes());
    }

    /** The page's policy: everything from this server, nothing inline, nothing framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static final String TOKEN_HEADER = "X-Console-Token";
    private static final Pattern STATIC_NAME = Pattern.compile("[a-z0-9-]+\\.(js|css|svg|png|ico)");
    private static final String STATIC_ROOT = "/dev/streamproc/local/console/static/";
    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Routes routes;
    private final String token;
    private final int port;

    private ConsoleServer(HttpServer server, ExecutorService executor, Routes routes, String token) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.token = token;
        this.port = server.getAddress().getPort();
    }

    /** Starts serving on 127.0.0.1:port (0 = any free port). */
    public static ConsoleServer start(int port, Routes routes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "console-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        ConsoleServer console = new ConsoleServer(server, executor, routes, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
        server.createContext("/", console::handle);
        server.setExecutor(executor);
        server.start();
        return console;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    /** The session's token, which the page reads from {@code GET /api/session} (same origin only). */
    public String token() {
        return token;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            securityHeaders(exchange);
            if (!hostIsThisServer(exchange.getRequestHeaders().getFirst("Host"))) {
                send(exchange, 421, "text/plain; charset=utf-8", "this console answers only as 127.0.0.1:" + port + " or localhost:" + port);
                return;
            }
            String rawPath = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (rawPath.startsWith("/api/")) {
                api(exchange, method, rawPath);
            } else if (method.equals("GET") || method.equals("HEAD")) {
                staticFile(exchange, rawPath);
            } else {
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed");
            }
        } catch (RuntimeException e) {
            // the exchange may be half-written; there is nothing better to do than log it
            System.err.println("console: " + e);
        }
    }

    private void api(HttpExchange exchange, String method, String rawPath) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        String apiPath = rawPath.substring("/api".length());
        if (!method.equals("GET") && !method.equals("POST")) {
            sendError(exchange, 405, "only GET and POST");
            return;
        }
        Optional<Routes.Match> match = routes.match(method, apiPath);
        if (match.isEmpty()) {
            sendError(exchange, routes.hasPath(apiPath) ? 405 : 404, routes.hasPath(apiPath) ? method + " is not allowed here" : "no API " + apiPath);
            return;
        }
        JsonNode body = null;
        if (method.equals("POST")) {
            String refusal = refusePost(exchange);
            if (refusal != null) {
                sendError(exchange, 403, refusal);
                return;
            }
            byte[] bytes = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                sendError(exchange, 413, "the request body is larger than " + MAX_BODY_BYTES + " bytes");
                return;
            }
            try {
                body = bytes.length == 0 ? null : JSON.readTree(bytes);
            } catch (IOException e) {
                sendError(exchange, 400, "the request body is not JSON: " + e.getMessage());
                return;
            }
        }
        ApiRequest request = new ApiRequest(method, match.get().params(), query(exchange.getRequestURI().getRawQuery()), body);
        try {
            Object result = match.get().handler().handle(request);
            if (result instanceof ApiResponse response) {
                if (response.fileName() != null) {
                    exchange.getResponseHeaders().set("Content-Disposition",
                            "attachment; filename=\"" + response.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
                }
                send(exchange, 200, response.contentType(), response.body());
            } else {
                send(exchange, 200, "application/json; charset=utf-8", JSON.writeValueAsBytes(result));
            }
        } catch (ApiException e) {
            sendError(exchange, e.status(), e.getMessage());
        } catch (Exception e) {
            sendError(exchange, 500, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Why a POST is refused, or null when it carries the token, JSON and (if any) this origin. */
    String refusePost(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst(TOKEN_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return "missing or wrong " + TOKEN_HEADER + " (reload the console page)";
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return "a POST must send Content-Type: application/json";
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        if (origin != null && !origin.equals("http://127.0.0.1:" + port) && !origin.equals("http://localhost:" + port)) {
            return "cross-origin request refused";
        }
        return null;
    }

    boolean hostIsThisServer(String host) {
        return host != null && (host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port));
    }

    private void staticFile(HttpExchange exchange, String rawPath) throws IOException {
        String name = rawPath.equals("/") ? "index.html" : rawPath.startsWith("/static/") ? rawPath.substring("/static/".length()) : null;
        if (name == null || !(name.equals("index.html") || STATIC_NAME.matcher(name).matches())) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found");
            return;
        }
        try (InputStream in = ConsoleServer.class.getResourceAsStream(STATIC_ROOT + name)) {
            if (in == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found");
                return;
            }
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            send(exchange, 200, contentType(name), in.readAllBytes());
        }
    }

    private static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            default -> "application/octet-stream";
        };
    }

    private static void securityHeaders(HttpExchange exchange) {
        var h = exchange.getResponseHeaders();
        h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(Map.of("error", String.valueOf(message))));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        send(exchange, status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
