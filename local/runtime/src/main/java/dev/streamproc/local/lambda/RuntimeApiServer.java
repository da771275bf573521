package dev.streamproc.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Lambda Runtime API (2018-06-01) for one container, on 127.0.0.1: {@code /next} long-polls for the
 * next event; the runtime posts the response, a function error, or an init error.
 */
final class RuntimeApiServer implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final String functionArn;
    private final Runnable onPoll;
    private final Consumer<FunctionError> onInitError;
    private final BlockingQueue<PendingInvocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, PendingInvocation> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService executor;
    private final HttpServer server;

    /** An error the runtime reported, in the JSON shape the RIC posts. */
    record FunctionError(String errorType, String errorMessage) {
    }

    /**
     * @param onPoll      called on each {@code /next}: the first one marks the end of the cold start
     * @param onInitError called when the runtime reports that the handler could not be initialised
     */
    RuntimeApiServer(String functionArn, Runnable onPoll, Consumer<FunctionError> onInitError) throws IOException {
        this.functionArn = functionArn;
        this.onPoll = onPoll;
        this.onInitError = onInitError;
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "runtime-api-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    void submit(PendingInvocation invocation) {
        queue.add(invocation);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                PendingInvocation invocation = inFlight.remove(requestIdOf(path, "/response"));
                byte[] payload = readBody(exchange.getRequestBody());
                if (invocation == null) {
                    reply(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                invocation.succeed(payload);
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                PendingInvocation invocation = inFlight.remove(requestIdOf(path, "/error"));
                FunctionError error = parseError(exchange);
                if (invocation == null) {
                    reply(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                invocation.fail(error.errorType(), error.errorMessage());
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.equals("init/error")) {
                onInitError.accept(parseError(exchange));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"no such Runtime API path\",\"errorType\":\"NotFound\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        onPoll.run();
        PendingInvocation invocation;
        try {
            invocation = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the connection just closes
        }
        inFlight.put(invocation.requestId(), invocation);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMs()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        byte[] body = invocation.event();
        exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    /** The request id of {@code invocation/<id>/response} or {@code invocation/<id>/error}. */
    private static String requestIdOf(String path, String suffix) {
        return path.substring("invocation/".length(), path.length() - suffix.length());
    }

    private static FunctionError parseError(HttpExchange exchange) throws IOException {
        byte[] body = readBody(exchange.getRequestBody());
        String headerType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
        try {
            JsonNode json = JSON.readTree(body);
            String type = json.path("errorType").asText(headerType != null ? headerType : "Runtime.Unknown");
            return new FunctionError(type, json.path("errorMessage").asText(""));
        } catch (IOException notJson) {
            return new FunctionError(headerType != null ? headerType : "Runtime.Unknown", new String(body, StandardCharsets.UTF_8));
        }
    }

    /** An X-Ray trace header; the RIC's native client needs one on every event. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("Root=1-%08x-%012x%012x;Parent=%016x;Sampled=0",
                System.currentTimeMillis() / 1000, random.nextLong(1L << 48), random.nextLong(1L << 48), random.nextLong() & Long.MAX_VALUE);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
