package dev.streamproc.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Lambda Runtime API (2018-06-01) for one container, on 127.0.0.1: {@code /next} long-polls for the
 * next event; the runtime posts the response, a function error, or an init error.
 * <p>
 * A small HTTP/1.1 server of its own rather than the JDK's: that one leaves Nagle on unless a JVM-wide
 * property is set before any other JDK HTTP server starts (the local cloud's SSM server does), and its
 * two writes per response (headers, body) then wait on the client's delayed ACK, ~90 ms per invocation.
 */
final class RuntimeApiServer implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** How long a client may take to send one whole request once it has begun (idle keep-alive is not limited). */
    static final java.time.Duration REQUEST_TIME = java.time.Duration.ofSeconds(10);

    private final java.time.Duration requestTime;
    private final String functionArn;
    private final Runnable onPoll;
    private final Consumer<FunctionError> onInitError;
    private final BlockingQueue<PendingInvocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, PendingInvocation> inFlight = new ConcurrentHashMap<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final ServerSocket server;
    private volatile boolean closed;

    /** An error the runtime reported, in the JSON shape the RIC posts. */
    record FunctionError(String errorType, String errorMessage) {
    }

    /**
     * @param onPoll      called on each {@code /next}: the first one marks the end of the cold start
     * @param onInitError called when the runtime reports that the handler could not be initialised
     */
    RuntimeApiServer(String functionArn, Runnable onPoll, Consumer<FunctionError> onInitError) throws IOException {
        this(functionArn, onPoll, onInitError, REQUEST_TIME);
    }

    /** @param requestTime how long a client may take to send one whole request (tests shorten it) */
    RuntimeApiServer(String functionArn, Runnable onPoll, Consumer<FunctionError> onInitError, java.time.Duration requestTime)
            throws IOException {
        this.requestTime = requestTime;
        this.functionArn = functionArn;
        this.onPoll = onPoll;
        this.onInitError = onInitError;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        daemon(this::accept, "runtime-api-accept-" + THREADS.incrementAndGet()).start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    void submit(PendingInvocation invocation) {
        queue.add(invocation);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                daemon(() -> serve(socket), "runtime-api-" + THREADS.incrementAndGet()).start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** One keep-alive connection: requests one after another until the client closes it. */
    private void serve(Socket socket) {
        try (socket) {
            HttpMessages.Reader in = new HttpMessages.Reader(socket.getInputStream(), socket.getOutputStream(),
                    socket::setSoTimeout, requestTime);
            for (HttpMessages.Request request = next(in, socket); request != null && !closed; request = next(in, socket)) {
                HttpMessages.Response response = handle(request);
                if (response == null) {
                    return; // shutting down while waiting for an event
                }
                socket.getOutputStream().write(response.bytes());
                socket.getOutputStream().flush();
                if (request.closeAfter()) {
                    return;
                }
            }
        } catch (SocketException closedUnderUs) {
            // the container or the server went away
        } catch (IOException e) {
            // a broken request; the runtime reconnects or its process ends
        } finally {
            connections.remove(socket);
            threads.remove(Thread.currentThread());
        }
    }

    /**
     * The next request; a malformed one is answered 400 (or 408/413/431) with its reason and ends the connection,
     * quietly: what a client sends must never print a stack trace on the console.
     */
    private static HttpMessages.Request next(HttpMessages.Reader in, Socket socket) throws IOException {
        try {
            return in.next();
        } catch (HttpMessages.BadRequest bad) {
            socket.getOutputStream().write(bad.response().bytes());
            socket.getOutputStream().flush();
            return null;
        }
    }

    private HttpMessages.Response handle(HttpMessages.Request request) {
        try {
            return route(request);
        } catch (RuntimeException e) { // a bug, not the client's fault: answer, log one line, keep serving
            System.err.println("runtime API: " + e.getClass().getSimpleName() + " on " + request.method() + " "
                    + dev.streamproc.model.VisibleText.escape(request.path(), true));
            return error(500, "ServiceException", "internal error");
        }
    }

    private HttpMessages.Response route(HttpMessages.Request request) {
        if (!request.path().startsWith(PREFIX)) {
            return error(404, "NotFound", "no such Runtime API path");
        }
        String path = request.path().substring(PREFIX.length());
        String method = request.method();
        if (method.equals("GET") && path.equals("invocation/next")) {
            return next();
        }
        if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
            PendingInvocation invocation = inFlight.remove(requestIdOf(path, "/response"));
            if (invocation == null) {
                return error(400, "InvalidRequestID", "unknown request id");
            }
            invocation.succeed(request.body());
            return accepted();
        }
        if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
            PendingInvocation invocation = inFlight.remove(requestIdOf(path, "/error"));
            if (invocation == null) {
                return error(400, "InvalidRequestID", "unknown request id");
            }
            FunctionError error = parseError(request);
            invocation.fail(error.errorType(), error.errorMessage());
            return accepted();
        }
        if (method.equals("POST") && path.equals("init/error")) {
            onInitError.accept(parseError(request));
            return accepted();
        }
        return error(404, "NotFound", "no such Runtime API path");
    }

    private HttpMessages.Response next() {
        onPoll.run();
        PendingInvocation invocation;
        try {
            invocation = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        inFlight.put(invocation.requestId(), invocation);
        return new HttpMessages.Response(200, "OK")
                .header("Content-Type", "application/json")
                .header("Lambda-Runtime-Aws-Request-Id", invocation.requestId())
                .header("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineEpochMs()))
                .header("Lambda-Runtime-Invoked-Function-Arn", functionArn)
                .header("Lambda-Runtime-Trace-Id", traceId())
                .body(invocation.event());
    }

    /** The request id of {@code invocation/<id>/response} or {@code invocation/<id>/error} ("" when there is none). */
    private static String requestIdOf(String path, String suffix) {
        int from = "invocation/".length();
        int to = path.length() - suffix.length();
        return to > from ? path.substring(from, to) : "";
    }

    private static FunctionError parseError(HttpMessages.Request request) {
        String headerType = request.header("Lambda-Runtime-Function-Error-Type");
        try {
            JsonNode json = JSON.readTree(request.body());
            String type = json.path("errorType").asText(headerType != null ? headerType : "Runtime.Unknown");
            return new FunctionError(type, json.path("errorMessage").asText(""));
        } catch (IOException notJson) {
            return new FunctionError(headerType != null ? headerType : "Runtime.Unknown", new String(request.body(), StandardCharsets.UTF_8));
        }
    }

    /** An X-Ray trace header; the RIC's native client needs one on every event. */
    private static String traceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("Root=1-%08x-%012x%012x;Parent=%016x;Sampled=0",
                System.currentTimeMillis() / 1000, random.nextLong(1L << 48), random.nextLong(1L << 48), random.nextLong() & Long.MAX_VALUE);
    }

    private static HttpMessages.Response accepted() {
        return new HttpMessages.Response(202, "Accepted").header("Content-Type", "application/json")
                .body("{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static HttpMessages.Response error(int status, String type, String message) {
        String reason = status == 404 ? "Not Found" : status == 500 ? "Internal Server Error" : "Bad Request";
        return new HttpMessages.Response(status, reason).header("Content-Type", "application/json")
                .body(("{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
        threads.forEach(Thread::interrupt);
    }
}
