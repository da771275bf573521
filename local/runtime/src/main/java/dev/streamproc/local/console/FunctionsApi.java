package dev.streamproc.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lambda's function pages: configuration from the template, the Test tab (saved and sample events, invoke through
 * the local runtime, the response and the log lines of the invocation), the log with a filter and a live tail, and
 * the Monitoring series.
 */
public final class FunctionsApi {

    static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    static final int MAX_LOG_LINES = 500;

    public record FunctionSummary(String id, String name, String handler, int memoryMb, long timeoutSeconds, List<String> triggers) {
    }

    public record Invocation(boolean succeeded, String payload, String errorType, String errorMessage, double durationMs, List<String> log) {
    }

    private final ConsoleSources sources;
    private final SampleEvents samples;
    private final LiveFigures figures;
    private final Path savedEvents;

    public FunctionsApi(ConsoleSources sources, SampleEvents samples, LiveFigures figures) {
        this.sources = sources;
        this.samples = samples;
        this.figures = figures;
        this.savedEvents = sources.dataDir().resolve("console").resolve("test-events");
    }

    public void register(Routes routes) {
        routes.get("/functions", r -> sources.template().functions().stream().map(this::summary).toList());
        routes.get("/functions/{id}", r -> detail(r.path(0)));
        routes.get("/functions/{id}/events", r -> events(r.path(0)));
        routes.post("/functions/{id}/events", r -> saveEvent(r.path(0), r.bodyText("name"), r.bodyText("event")));
        routes.post("/functions/{id}/invoke", r -> invoke(r.path(0), r.bodyText("event")));
        routes.get("/functions/{id}/logs", r -> logs(r.path(0), Long.parseLong(r.param("before", "-1")), r.param("after", null),
                r.param("filter", null), r.intParam("lines", 200, 1, MAX_LOG_LINES)));
        routes.get("/functions/{id}/metrics", r -> metrics(r.path(0), r.intParam("minutes", 10, 1, 10)));
    }

    private Template.FunctionDef function(String id) {
        try {
            return sources.template().function(id);
        } catch (RuntimeException e) {
            throw ApiException.notFound("function " + id);
        }
    }

    FunctionSummary summary(Template.FunctionDef f) {
        return new FunctionSummary(f.logicalId(), f.functionName(), f.handler(), f.memoryMb(), f.timeoutSeconds(),
                f.events().stream().map(e -> e.name() + " (" + e.type() + ")").toList());
    }

    Map<String, Object> detail(String id) {
        Template.FunctionDef f = function(id);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("summary", summary(f));
        detail.put("arn", f.arn());
        detail.put("runtime", f.runtime());
        detail.put("codeUri", f.codeUri() == null ? null : String.valueOf(f.codeUri()));
        detail.put("environment", new TreeMap<>(f.environment()));
        detail.put("events", f.events().stream().map(e -> Map.of("name", e.name(), "type", e.type(), "properties", String.valueOf(e.properties()))).toList());
        boolean running = sources.lambda() != null && sources.lambda().functions().stream().anyMatch(s -> s.logicalId().equals(f.logicalId()));
        detail.put("running", running);
        if (running) {
            detail.put("liveContainers", sources.lambda().liveContainers().getOrDefault(f.logicalId(), 0));
            detail.put("coldStartsMs", sources.lambda().coldStarts().getOrDefault(f.logicalId(), List.of()).stream().map(d -> d.toMillis()).toList());
        }
        detail.put("logFile", String.valueOf(sources.logFile(f.logicalId())));
        return detail;
    }

    /** Saved events (by name) and the samples of the function's event sources. */
    Map<String, Object> events(String id) throws IOException {
        Template.FunctionDef f = function(id);
        Map<String, String> saved = new TreeMap<>();
        Path dir = savedEvents.resolve(f.logicalId());
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    String name = file.getFileName().toString();
                    saved.put(name.substring(0, name.length() - 5), Files.readString(file));
                }
            }
        }
        return Map.of("saved", saved, "samples", samples.forFunction(f));
    }

    Map<String, Object> saveEvent(String id, String name, String event) throws IOException {
        Template.FunctionDef f = function(id);
        if (!EVENT_NAME.matcher(name).matches()) {
            throw new ApiException(400, "an event name is 1-64 letters, digits, '.', '_' or '-'");
        }
        json(event);
        Path dir = savedEvents.resolve(f.logicalId());
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(name + ".json"), event);
        return Map.of("saved", name);
    }

    /** Invokes the function once through the runtime, as Lambda's Test button does (RequestResponse). */
    Invocation invoke(String id, String event) {
        Template.FunctionDef f = function(id);
        json(event);
        if (sources.lambda() == null) {
            throw new ApiException(409, "the local runtime is not running");
        }
        Path log = sources.logFile(f.logicalId());
        long before = LogTail.size(log);
        InvocationResult result = sources.lambda().invoke(f.logicalId(), event.getBytes(StandardCharsets.UTF_8));
        List<String> lines = LogTail.after(log, before, null).lines();
        return new Invocation(result.succeeded(), result.payload() == null ? null : new String(result.payload(), StandardCharsets.UTF_8),
                result.errorType(), result.errorMessage(), result.duration() == null ? 0 : result.duration().toNanos() / 1e6,
                lines.size() > MAX_LOG_LINES ? lines.subList(lines.size() - MAX_LOG_LINES, lines.size()) : lines);
    }

    LogTail.Page logs(String id, long before, String after, String filter, int lines) {
        Path log = sources.logFile(function(id).logicalId());
        if (after != null) {
            try {
                return LogTail.after(log, Long.parseLong(after), filter);
            } catch (NumberFormatException e) {
                throw new ApiException(400, "after must be a byte offset");
            }
        }
        return LogTail.before(log, before, filter, lines);
    }

    Map<String, Object> metrics(String id, int minutes) {
        String fn = function(id).logicalId();
        figures.ensureStarted();
        long since = System.currentTimeMillis() - minutes * 60_000L;
        Map<String, Object> series = new LinkedHashMap<>();
        for (String name : List.of("invocations", "errors", "p50", "p99", "coldStarts", "iteratorAgeMs")) {
            series.put(name, figures.since("function." + fn + "." + name, since).stream().map(p -> new double[] {p.t(), p.v()}).toList());
        }
        return Map.of("function", fn, "series", series);
    }

    private static JsonNode json(String event) {
        try {
            return ConsoleServer.JSON.readTree(event);
        } catch (IOException e) {
            throw new ApiException(400, "the event is not JSON: " + e.getMessage());
        }
    }

}
