package dev.streamproc.local.lambda.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streamproc.local.esm.EventSourceMapping;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.lambda.LambdaInvoker;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda API of the local stack (REST-JSON, {@code /2015-03-31/...}), on 127.0.0.1, for the AWS CLI and SDKs
 * through {@code AWS_ENDPOINT_URL_LAMBDA}: Invoke (RequestResponse, Event, DryRun), ListFunctions, GetFunction,
 * ListEventSourceMappings, GetEventSourceMapping and UpdateEventSourceMapping (Enabled, BatchSize). Errors use
 * Lambda's shape: a status, {@code X-Amzn-ErrorType} and {@code {"Type":"User","message":...}}.
 */
public final class LambdaApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LambdaApiServer.class);
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/2015-03-31/";

    private final HttpServer server;
    private final AsyncInvocations asyncInvocations;
    private final LambdaInvoker invoker;
    private final List<FunctionSpec> functions;
    private final List<EventSourceMapping> mappings;
    private final Map<String, AsyncRetryPolicy> asyncPolicies;

    private LambdaApiServer(HttpServer server, LambdaInvoker invoker, List<FunctionSpec> functions, List<EventSourceMapping> mappings,
                            Map<String, AsyncRetryPolicy> asyncPolicies) {
        this.server = server;
        this.invoker = invoker;
        this.functions = List.copyOf(functions);
        this.mappings = mappings;
        this.asyncPolicies = Map.copyOf(asyncPolicies);
        this.asyncInvocations = new AsyncInvocations(invoker);
    }

    /** Serves on 127.0.0.1:{@code port} (0 = any free port). {@code mappings} is read live: it may fill after start. */
    public static LambdaApiServer start(int port, LambdaInvoker invoker, List<FunctionSpec> functions, List<EventSourceMapping> mappings) {
        return start(port, invoker, functions, mappings, Map.of());
    }

    /**
     * As {@link #start(int, LambdaInvoker, List, List)}, with each function's retry policy for asynchronous invocations by
     * logical id (from its {@code EventInvokeConfig}); a function not named gets AWS's defaults.
     */
    public static LambdaApiServer start(int port, LambdaInvoker invoker, List<FunctionSpec> functions, List<EventSourceMapping> mappings,
                                        Map<String, AsyncRetryPolicy> asyncPolicies) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            LambdaApiServer api = new LambdaApiServer(http, invoker, functions, mappings, asyncPolicies);
            http.createContext("/", api::handle);
            http.setExecutor(Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "lambda-api");
                t.setDaemon(true);
                return t;
            }));
            http.start();
            return api;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Lambda API on 127.0.0.1:" + port, e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
            String method = exchange.getRequestMethod();
            if (!path.startsWith(PREFIX)) {
                error(exchange, 404, "UnknownOperationException", "unknown path " + path);
                return;
            }
            String[] parts = path.substring(PREFIX.length()).split("/");
            try {
                route(exchange, method, parts);
            } catch (NotFound e) {
                error(exchange, 404, "ResourceNotFoundException", e.getMessage());
            } catch (IllegalArgumentException e) {
                error(exchange, 400, "InvalidParameterValueException", e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Lambda API {} {} failed", method, path, e);
                error(exchange, 500, "ServiceException", e.toString());
            }
        }
    }

    private void route(HttpExchange exchange, String method, String[] parts) throws IOException {
        String collection = parts[0];
        if (collection.equals("functions")) {
            if (parts.length == 1 && method.equals("GET")) {
                listFunctions(exchange);
            } else if (parts.length == 2 && method.equals("GET")) {
                getFunction(exchange, function(parts[1]));
            } else if (parts.length == 3 && parts[2].equals("invocations") && method.equals("POST")) {
                invoke(exchange, function(parts[1]));
            } else {
                error(exchange, 404, "UnknownOperationException", "unsupported: " + method + " " + String.join("/", parts));
            }
        } else if (collection.equals("event-source-mappings")) {
            if (parts.length == 1 && method.equals("GET")) {
                listMappings(exchange);
            } else if (parts.length == 2 && method.equals("GET")) {
                json(exchange, 200, Shapes.mapping(mapping(parts[1]), function(mapping(parts[1]).settings().functionArn())));
            } else if (parts.length == 2 && method.equals("PUT")) {
                updateMapping(exchange, mapping(parts[1]));
            } else {
                error(exchange, 404, "UnknownOperationException", "unsupported: " + method + " " + String.join("/", parts));
            }
        } else {
            error(exchange, 404, "UnknownOperationException", "unsupported: " + method + " " + String.join("/", parts));
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    /** A function by name, ARN (qualifier {@code $LATEST} or none) or logical id. */
    private FunctionSpec function(String nameOrArn) {
        String name = nameOrArn;
        if (name.startsWith("arn:")) {
            String[] arn = name.split(":");
            if (arn.length < 7 || (arn.length == 8 && !arn[7].equals("$LATEST"))) {
                throw new NotFound("Function not found: " + nameOrArn);
            }
            name = arn[6];
        }
        String wanted = name;
        return functions.stream().filter(f -> f.functionName().equals(wanted) || f.logicalId().equals(wanted)).findFirst()
                .orElseThrow(() -> new NotFound("Function not found: " + nameOrArn));
    }

    private EventSourceMapping mapping(String uuid) {
        return mappings.stream().filter(m -> Shapes.uuid(m).equals(uuid)).findFirst()
                .orElseThrow(() -> new NotFound("The resource you requested does not exist. (Service: Lambda, mapping " + uuid + ")"));
    }

    private void listFunctions(HttpExchange exchange) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        functions.forEach(f -> body.withArray("Functions").add(Shapes.configuration(f)));
        body.withArray("Functions");
        json(exchange, 200, body);
    }

    private void getFunction(HttpExchange exchange, FunctionSpec function) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.set("Configuration", Shapes.configuration(function));
        ObjectNode code = body.putObject("Code");
        code.put("RepositoryType", "S3");
        code.put("Location", function.classpath().isEmpty() ? "" : function.classpath().get(0).toUri().toString());
        json(exchange, 200, body);
    }

    private void listMappings(HttpExchange exchange) throws IOException {
        Optional<FunctionSpec> only = query(exchange, "FunctionName").map(this::function);
        Optional<String> source = query(exchange, "EventSourceArn");
        ObjectNode body = JSON.createObjectNode();
        body.putArray("EventSourceMappings");
        for (EventSourceMapping m : mappings) {
            FunctionSpec f = function(m.settings().functionArn());
            if (only.map(o -> o.arn().equals(f.arn())).orElse(true) && source.map(s -> s.equals(m.settings().streamArn())).orElse(true)) {
                body.withArray("EventSourceMappings").add(Shapes.mapping(m, f));
            }
        }
        json(exchange, 200, body);
    }

    private void updateMapping(HttpExchange exchange, EventSourceMapping mapping) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        var next = mapping.settings().toBuilder();
        for (var it = request.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            switch (field) {
                case "Enabled" -> next.enabled(request.get(field).asBoolean());
                case "BatchSize" -> next.batchSize(request.get(field).asInt());
                case "FunctionName", "UUID" -> { }
                default -> throw new IllegalArgumentException("the local Lambda API updates Enabled and BatchSize only, not " + field);
            }
        }
        mapping.update(next.build());
        json(exchange, 202, Shapes.mapping(mapping, function(mapping.settings().functionArn())));
    }

    private void invoke(HttpExchange exchange, FunctionSpec function) throws IOException {
        byte[] payload = exchange.getRequestBody().readAllBytes();
        String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type")).orElse("RequestResponse");
        String requestId = UUID.randomUUID().toString();
        exchange.getResponseHeaders().set("X-Amzn-RequestId", requestId);
        switch (type) {
            case "DryRun" -> send(exchange, 204, null);
            case "Event" -> {
                asyncInvocations.submit(function.logicalId(), payload, requestId,
                        asyncPolicies.getOrDefault(function.logicalId(), AsyncRetryPolicy.AWS_DEFAULT));
                send(exchange, 202, null);
            }
            case "RequestResponse" -> {
                String logType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Log-Type")).orElse("None");
                if (!logType.equals("None") && !logType.equals("Tail")) {
                    throw new IllegalArgumentException("X-Amz-Log-Type must be None or Tail, was " + logType);
                }
                boolean tail = logType.equals("Tail");
                InvocationResult result = tail ? invoker.invokeWithLogTail(function.logicalId(), payload, requestId)
                        : invoker.invoke(function.logicalId(), payload, requestId);
                exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
                if (tail) {
                    // "the last 4 KB of the execution log", base64-encoded (Lambda API reference, Invoke: LogResult)
                    byte[] log = result.logTail() == null ? new byte[0] : result.logTail();
                    exchange.getResponseHeaders().set("X-Amz-Log-Result", java.util.Base64.getEncoder().encodeToString(log));
                }
                if (result.succeeded()) {
                    send(exchange, 200, result.payload() == null ? "null".getBytes(StandardCharsets.UTF_8) : result.payload());
                } else {
                    exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
                    ObjectNode error = JSON.createObjectNode();
                    error.put("errorMessage", result.errorMessage());
                    error.put("errorType", result.errorType());
                    send(exchange, 200, JSON.writeValueAsBytes(error));
                }
            }
            default -> throw new IllegalArgumentException("X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, was " + type);
        }
    }

    private static Optional<String> query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return Optional.empty();
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    private static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("X-Amzn-ErrorType", type);
        ObjectNode body = JSON.createObjectNode();
        body.put("Type", "User");
        body.put("message", message);
        json(exchange, status, body);
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        asyncInvocations.close();
    }
}
