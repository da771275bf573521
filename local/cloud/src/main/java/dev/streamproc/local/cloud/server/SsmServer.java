package dev.streamproc.local.cloud.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.LocalCloudException;
import dev.streamproc.local.cloud.process.LoopbackPorts;
import dev.streamproc.local.cloud.server.ParameterStore.Parameter;
import dev.streamproc.local.cloud.server.ParameterStore.ParameterException;
import dev.streamproc.local.cloud.server.ParameterStore.Type;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local SSM Parameter Store endpoint speaking AWS JSON 1.1 ({@code X-Amz-Target: AmazonSSM.<Action>}):
 * GetParameter, GetParameters, GetParametersByPath, PutParameter, DeleteParameter(s), DescribeParameters.
 * Optionally persists every write to a JSON file so parameters (e.g. the producer's since_id) survive restarts.
 */
public final class SsmServer implements SinglePortServer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AmazonSSM.";

    /** Port 0 = free; {@code seed} parameters are created when absent; {@code persistFile} null = memory only. */
    public record Config(int port, Map<String, SeedParameter> seed, Path persistFile) {

        public static Config inMemory() {
            return new Config(0, Map.of(), null);
        }

        public Config withSeed(Map<String, SeedParameter> parameters) {
            return new Config(port, parameters, persistFile);
        }
    }

    /** A parameter to create at start-up. */
    public record SeedParameter(Type type, String value) {
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final ParameterStore store;
    private final Path persistFile;
    private final int port;

    private SsmServer(HttpServer http, ExecutorService executor, ParameterStore store, Path persistFile) {
        this.http = http;
        this.executor = executor;
        this.store = store;
        this.persistFile = persistFile;
        this.port = http.getAddress().getPort();
    }

    public static SsmServer start() {
        return start(Config.inMemory());
    }

    public static SsmServer start(Config config) {
        int port = LoopbackPorts.resolve(config.port(), "SSM Parameter Store");
        ParameterStore store = new ParameterStore();
        if (config.persistFile() != null && Files.isRegularFile(config.persistFile())) {
            store.restore(readPersisted(config.persistFile()));
        }
        config.seed().forEach((name, seed) -> {
            if (store.get(name).isEmpty()) {
                store.put(name, seed.type(), seed.value(), false, null);
            }
        });
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(LoopbackPorts.LOOPBACK, port), 64);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "ssm-server");
                t.setDaemon(true);
                return t;
            });
            http.setExecutor(executor);
            SsmServer server = new SsmServer(http, executor, store, config.persistFile());
            http.createContext("/", server::handle);
            http.start();
            server.persist();
            return server;
        } catch (IOException e) {
            throw new LocalCloudException("cannot start the SSM endpoint on port " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads seed parameters from a properties file ({@code /twitter/bearer_token=...}). Values are stored as
     * SecureString (the file holds credentials); a value starting {@code String:} or {@code StringList:} picks that type.
     */
    public static Map<String, SeedParameter> readSeedFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new LocalCloudException("cannot read the parameters file " + file + ": " + e.getMessage(), e);
        }
        Map<String, SeedParameter> seed = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            seed.put(name, parseSeed(properties.getProperty(name)));
        }
        return seed;
    }

    /** {@code String:v}, {@code StringList:a,b}, {@code SecureString:v}, or a bare value (SecureString). */
    public static SeedParameter parseSeed(String raw) {
        for (Type type : Type.values()) {
            String prefix = type.awsName() + ":";
            if (raw.startsWith(prefix)) {
                return new SeedParameter(type, raw.substring(prefix.length()));
            }
        }
        return new SeedParameter(Type.SECURE_STRING, raw);
    }

    @Override
    public String name() {
        return "ssm";
    }

    @Override
    public int port() {
        return port;
    }

    public ParameterStore store() {
        return store;
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request;
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                request = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            }
            try {
                if (target == null || !target.startsWith(TARGET_PREFIX)) {
                    throw new ParameterException("UnknownOperationException", "missing or unknown X-Amz-Target: " + target);
                }
                ObjectNode response = dispatch(target.substring(TARGET_PREFIX.length()), request);
                respond(exchange, 200, response, null);
            } catch (ParameterException e) {
                ObjectNode error = JSON.createObjectNode().put("__type", e.code()).put("message", e.getMessage());
                respond(exchange, 400, error, e.code());
            }
        } catch (RuntimeException e) {
            ObjectNode error = JSON.createObjectNode().put("__type", "InternalServerError").put("message", String.valueOf(e.getMessage()));
            respond(exchange, 500, error, "InternalServerError");
        }
    }

    private ObjectNode dispatch(String action, JsonNode request) {
        return switch (action) {
            case "GetParameter" -> getParameter(request);
            case "GetParameters" -> getParameters(request);
            case "GetParametersByPath" -> getParametersByPath(request);
            case "PutParameter" -> putParameter(request);
            case "DeleteParameter" -> deleteParameter(request);
            case "DeleteParameters" -> deleteParameters(request);
            case "DescribeParameters" -> describeParameters(request);
            default -> throw new ParameterException("InvalidAction", "The local Parameter Store does not implement " + action);
        };
    }

    private ObjectNode getParameter(JsonNode request) {
        String name = required(request, "Name");
        Parameter parameter = store.get(name).orElseThrow(() -> notFound(name));
        ObjectNode response = JSON.createObjectNode();
        response.set("Parameter", toJson(parameter, request.path("WithDecryption").asBoolean(false), name));
        return response;
    }

    private ObjectNode getParameters(JsonNode request) {
        boolean decrypt = request.path("WithDecryption").asBoolean(false);
        ObjectNode response = JSON.createObjectNode();
        ArrayNode found = response.putArray("Parameters");
        ArrayNode invalid = response.putArray("InvalidParameters");
        for (JsonNode name : request.path("Names")) {
            store.get(name.asText()).ifPresentOrElse(p -> found.add(toJson(p, decrypt, name.asText())), () -> invalid.add(name.asText()));
        }
        return response;
    }

    private ObjectNode getParametersByPath(JsonNode request) {
        String path = required(request, "Path");
        boolean decrypt = request.path("WithDecryption").asBoolean(false);
        List<Parameter> all = store.byPath(path, request.path("Recursive").asBoolean(false));
        int max = request.path("MaxResults").asInt(10);
        if (max < 1 || max > 10) {
            throw new ParameterException("ValidationException", "MaxResults must be between 1 and 10");
        }
        int from = parseToken(request.path("NextToken").asText(null));
        ObjectNode response = JSON.createObjectNode();
        ArrayNode page = response.putArray("Parameters");
        int to = Math.min(all.size(), from + max);
        for (int i = from; i < to; i++) {
            page.add(toJson(all.get(i), decrypt, all.get(i).name()));
        }
        if (to < all.size()) {
            response.put("NextToken", Integer.toString(to));
        }
        return response;
    }

    private ObjectNode putParameter(JsonNode request) {
        String name = required(request, "Name");
        String typeName = request.path("Type").asText(null);
        long version = store.put(name, typeName == null ? null : Type.fromAws(typeName), required(request, "Value"),
                request.path("Overwrite").asBoolean(false), request.path("Description").asText(null));
        persist();
        return JSON.createObjectNode().put("Version", version).put("Tier", "Standard");
    }

    private ObjectNode deleteParameter(JsonNode request) {
        String name = required(request, "Name");
        if (!store.delete(name)) {
            throw notFound(name);
        }
        persist();
        return JSON.createObjectNode();
    }

    private ObjectNode deleteParameters(JsonNode request) {
        ObjectNode response = JSON.createObjectNode();
        ArrayNode deleted = response.putArray("DeletedParameters");
        ArrayNode invalid = response.putArray("InvalidParameters");
        for (JsonNode name : request.path("Names")) {
            (store.delete(name.asText()) ? deleted : invalid).add(name.asText());
        }
        persist();
        return response;
    }

    /** Supports ParameterFilters on Name (Equals / BeginsWith) and Path (OneLevel / Recursive). */
    private ObjectNode describeParameters(JsonNode request) {
        List<Parameter> matching = new ArrayList<>();
        for (Parameter p : store.all()) {
            if (matchesFilters(p, request.path("ParameterFilters"))) {
                matching.add(p);
            }
        }
        int max = request.path("MaxResults").asInt(50);
        int from = parseToken(request.path("NextToken").asText(null));
        ObjectNode response = JSON.createObjectNode();
        ArrayNode page = response.putArray("Parameters");
        int to = Math.min(matching.size(), from + max);
        for (Parameter p : matching.subList(from, to)) {
            ObjectNode node = page.addObject()
                    .put("Name", p.name())
                    .put("Type", p.type().awsName())
                    .put("Version", p.version())
                    .put("LastModifiedDate", epochSeconds(p.lastModified()))
                    .put("DataType", "text")
                    .put("Tier", "Standard");
            if (p.description() != null) {
                node.put("Description", p.description());
            }
        }
        if (to < matching.size()) {
            response.put("NextToken", Integer.toString(to));
        }
        return response;
    }

    private static boolean matchesFilters(Parameter p, JsonNode filters) {
        for (JsonNode filter : filters) {
            String key = filter.path("Key").asText();
            String option = filter.path("Option").asText("Equals");
            List<String> values = new ArrayList<>();
            filter.path("Values").forEach(v -> values.add(v.asText()));
            boolean ok = switch (key) {
                case "Name" -> values.stream().anyMatch(v -> option.equals("BeginsWith") ? p.name().startsWith(v) : p.name().equals(v));
                case "Path" -> values.stream().anyMatch(v -> {
                    String prefix = v.endsWith("/") ? v : v + "/";
                    return p.name().startsWith(prefix) && (option.equals("Recursive") || p.name().indexOf('/', prefix.length()) < 0);
                });
                case "Type" -> values.contains(p.type().awsName());
                default -> throw new ParameterException("InvalidFilterKey", "The local Parameter Store does not filter on " + key);
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private ObjectNode toJson(Parameter p, boolean decrypt, String requestedName) {
        ObjectNode node = JSON.createObjectNode()
                .put("Name", p.name())
                .put("Type", p.type().awsName())
                .put("Value", p.visibleValue(decrypt))
                .put("Version", p.version())
                .put("LastModifiedDate", epochSeconds(p.lastModified()))
                .put("ARN", "arn:aws:ssm:" + LocalCloudConfig.REGION + ":" + LocalCloudConfig.ACCOUNT_ID + ":parameter"
                        + (p.name().startsWith("/") ? "" : "/") + p.name())
                .put("DataType", "text");
        if (!requestedName.equals(p.name())) {
            node.put("Selector", requestedName.substring(p.name().length()));
        }
        return node;
    }

    private static double epochSeconds(Instant instant) {
        return instant.toEpochMilli() / 1000.0;
    }

    private static int parseToken(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new ParameterException("InvalidNextToken", "The specified token is not valid.");
        }
    }

    private static String required(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            throw new ParameterException("ValidationException", "1 validation error detected: Value null at '" + field
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return value.asText();
    }

    private static ParameterException notFound(String name) {
        return new ParameterException("ParameterNotFound", "Parameter " + name + " not found.");
    }

    private void respond(HttpExchange exchange, int status, ObjectNode body, String errorType) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
        if (errorType != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private synchronized void persist() {
        if (persistFile == null) {
            return;
        }
        ArrayNode versions = JSON.createArrayNode();
        for (Parameter p : store.allVersions()) {
            ObjectNode node = versions.addObject().put("name", p.name()).put("type", p.type().awsName()).put("value", p.value())
                    .put("version", p.version()).put("lastModified", p.lastModified().toString());
            if (p.description() != null) {
                node.put("description", p.description());
            }
        }
        try {
            Files.createDirectories(persistFile.toAbsolutePath().getParent());
            Path tmp = persistFile.resolveSibling(persistFile.getFileName() + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), versions);
            Files.move(tmp, persistFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ParameterException("InternalServerError", "cannot persist parameters to " + persistFile + ": " + e.getMessage());
        }
    }

    private static List<Parameter> readPersisted(Path file) {
        try {
            List<Parameter> versions = new ArrayList<>();
            for (JsonNode node : JSON.readTree(file.toFile())) {
                versions.add(new Parameter(node.path("name").asText(), Type.fromAws(node.path("type").asText()), node.path("value").asText(),
                        node.path("version").asLong(), Instant.parse(node.path("lastModified").asText()),
                        node.hasNonNull("description") ? node.get("description").asText() : null));
            }
            return versions;
        } catch (IOException e) {
            throw new LocalCloudException("cannot read persisted parameters " + file + ": " + e.getMessage() + " (delete it to start fresh)", e);
        }
    }
}
