package dev.streamproc.local.console;

import dev.streamproc.local.LocalRuntime;
import dev.streamproc.local.cloud.LocalCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The local console: the stack in the browser (overview, tables, functions, query, streams, archive, failures),
 * served on 127.0.0.1 by {@code up} and {@code demo} beside the runtime. Starting it only binds the port and
 * registers the routes; figures are sampled from the first page view on. Its URL is written to
 * {@code <dataDir>/console.url} for {@code status}.
 */
public final class Console implements AutoCloseable {

    /** The console's port unless {@code --console-port} says otherwise (next to the local cloud's 4567–4572). */
    public static final int DEFAULT_PORT = 4580;

    private final ConsoleServer server;
    private final LiveFigures figures;
    private final Path urlFile;
    private final String note;
    private final java.time.Duration startTime;

    private Console(ConsoleServer server, LiveFigures figures, Path urlFile, String note, java.time.Duration startTime) {
        this.server = server;
        this.figures = figures;
        this.urlFile = urlFile;
        this.note = note;
        this.startTime = startTime;
    }

    /** What starting the console added to {@code up}: binding the port and registering the routes. */
    public java.time.Duration startTime() {
        return startTime;
    }

    public static Console start(LocalCloud cloud, LocalRuntime runtime, int port) {
        return start(ConsoleSources.of(cloud, runtime), port);
    }

    /** Serves on the port, or on a free one when it is taken (see {@link #note()}). */
    public static Console start(ConsoleSources sources, int port) {
        long begin = System.nanoTime();
        InvocationStats invocations = new InvocationStats();
        if (sources.lambda() != null) {
            sources.lambda().onInvocation(invocations::record);
        }
        var template = sources.template();
        TablesApi tables = new TablesApi(sources.dynamoDb());
        List<String> queueArns = template.resourcesOfType("AWS::SQS::Queue").stream().map(r -> template.arn(r.logicalId())).toList();
        FailuresApi failures = new FailuresApi(sources.sqs(), queueArns);
        StreamsApi streams = new StreamsApi(sources.kinesis(), sources.physicalNames("AWS::Kinesis::Stream"));
        LiveFigures figures = new LiveFigures(sources, invocations, tables::itemCount, failures::depth);
        StackGraph graph = new StackGraph(sources, figures);

        Routes routes = new Routes();
        routes.get("/overview", r -> {
            figures.ensureStarted();
            return graph.graph();
        });
        tables.register(routes);
        new FunctionsApi(sources, new SampleEvents(sources, streams), figures).register(routes);
        new QueryApi(sources).register(routes);
        streams.register(routes);
        new ArchiveApi(sources.s3(), sources.physicalNames("AWS::S3::Bucket")).register(routes);
        failures.register(routes);

        ConsoleServer server;
        String note = null;
        try {
            server = startServer(port, routes);
        } catch (BindException taken) {
            try {
                server = startServer(0, routes);
                note = "port " + port + " is in use";
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the console: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the console on port " + port + ": " + e.getMessage(), e);
        }
        ConsoleServer started = server;
        routes.get("/session", r -> Map.of("token", started.token(), "stack", template.stackName(), "template", String.valueOf(template.file()),
                "region", template.region()));
        Path urlFile = sources.dataDir().resolve("console.url");
        try {
            Files.createDirectories(urlFile.getParent());
            Files.writeString(urlFile, server.url() + "\n");
        } catch (IOException e) {
            // status cannot list the console then; the console itself works
        }
        return new Console(server, figures, urlFile, note, java.time.Duration.ofNanos(System.nanoTime() - begin));
    }

    private static ConsoleServer startServer(int port, Routes routes) throws IOException {
        return ConsoleServer.start(port, routes);
    }

    public String url() {
        return server.url();
    }

    /** Why the console is not on the port asked for, or null. */
    public String note() {
        return note;
    }

    /** The line {@code up} prints. */
    public String banner() {
        return "console   " + url() + "  (started in " + startTime.toMillis() + " ms" + (note == null ? "" : "; " + note) + ")";
    }

    /** The session token (tests drive the API with it, as the page does). */
    public String token() {
        return server.token();
    }

    @Override
    public void close() {
        figures.close();
        server.close();
        try {
            Files.deleteIfExists(urlFile);
        } catch (IOException e) {
            // a stale file is caught by status's probe
        }
    }
}
