package dev.streamproc.local.cloud;

import dev.streamproc.local.cloud.process.LocalState;
import dev.streamproc.local.cloud.process.LoopbackPorts;
import dev.streamproc.local.cloud.process.ProcessControl;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.server.DynamoDbServer;
import dev.streamproc.local.cloud.server.KinesisServer;
import dev.streamproc.local.cloud.server.LocalServer;
import dev.streamproc.local.cloud.server.S3Server;
import dev.streamproc.local.cloud.server.SqsServer;
import dev.streamproc.local.cloud.server.SsmServer;
import dev.streamproc.local.cloud.template.StackDeployer;
import dev.streamproc.local.cloud.template.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The whole local cloud: Kinesis, DynamoDB, S3, SSM and SQS servers on 127.0.0.1, started in parallel, with the
 * stack of template.yaml created on them and a state file for other processes. Closing it (or the JVM exiting)
 * stops every server and child process.
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder().dataDir(tmp).build())) {
 *     cloud.kinesisClient().putRecord(...);
 * }
 * }</pre>
 */
public final class LocalCloud implements AutoCloseable {

    private final LocalCloudConfig config;
    private final Template template;
    private final Servers servers;
    private final Endpoints endpoints;
    private final StackDeployer.Result deployment;
    private final Duration startup;
    private final Map<String, Duration> timings;
    private final Thread shutdownHook;
    private final Object closeLock = new Object();
    private final Deque<AutoCloseable> dependents = new ConcurrentLinkedDeque<>();
    private final List<ServerEvent> serverEvents = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Consumer<ServerEvent>> serverListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile ServerSupervisor supervisor;
    private volatile boolean closed;

    private LocalCloud(LocalCloudConfig config, Template template, Servers servers, Endpoints endpoints, StackDeployer.Result deployment,
                       Duration startup, Map<String, Duration> timings, Thread shutdownHook) {
        this.config = config;
        this.template = template;
        this.servers = servers;
        this.endpoints = endpoints;
        this.deployment = deployment;
        this.startup = startup;
        this.timings = timings;
        this.shutdownHook = shutdownHook;
    }

    /**
     * Checks the template, starts the five servers in parallel, creates the stack on them and writes the state
     * file. Fails fast, with nothing left running, when a port is taken or the template is invalid.
     */
    public static LocalCloud start(LocalCloudConfig config) {
        long begin = System.nanoTime();
        refuseIfRunning(config);
        LocalCloudConfig.Ports ports = reservePorts(config.ports());
        Template checked = loadTemplate(config, "http://" + LoopbackPorts.LOOPBACK + ":" + ports.sqs());
        config.preflight().accept(checked);
        List<ServerLaunch> launches = launches(config, ports, seedParameters(config));
        createDirectories(config);

        Servers servers = new Servers(launches.size());
        AtomicReference<LocalCloud> started = new AtomicReference<>();
        Thread hook = shutdownHook(started, servers);
        Map<String, Duration> timings = new ConcurrentSkipListMap<>();
        try {
            startAll(launches, servers, timings);
            SqsServer sqs = servers.get(SqsServer.class);
            // Another process may have taken the picked SQS port meanwhile: queue URLs must name the one really used.
            Template template = sqs.port() == ports.sqs() ? checked : loadTemplate(config, sqs.endpoint());
            Endpoints endpoints = endpoints(servers);
            long deployBegin = System.nanoTime();
            StackDeployer.Result deployment = deploy(config, template, endpoints);
            timings.put("stack", Duration.ofNanos(System.nanoTime() - deployBegin));
            Duration startup = Duration.ofNanos(System.nanoTime() - begin);
            LocalCloud cloud = new LocalCloud(config, template, servers, endpoints, deployment, startup, Map.copyOf(timings), hook);
            cloud.writeState();
            started.set(cloud);
            cloud.supervisor = ServerSupervisor.start(servers, ServerSupervisor.INTERVAL, cloud::serverEvent);
            return cloud;
        } catch (RuntimeException e) {
            closeQuietly(servers);
            removeHook(hook);
            throw e;
        }
    }

    private static Template loadTemplate(LocalCloudConfig config, String sqsEndpoint) {
        return Template.load(config.template(), Template.Options.defaults().withStackName(config.stackName())
                .withOverrides(config.parameterOverrides()).withSqsEndpoint(sqsEndpoint));
    }

    /** The five servers, each on its reserved port; the order is the start-up and (reversed) the shut-down order. */
    private static List<ServerLaunch> launches(LocalCloudConfig config, LocalCloudConfig.Ports ports, Map<String, SsmServer.SeedParameter> seed) {
        LocalCloudConfig.Ports wanted = config.ports();
        Path dataDir = config.dataDir();
        boolean persist = config.persist();
        return List.of(
                new ServerLaunch(wanted.kinesisTls() == 0 && wanted.kinesisPlain() == 0, ports.kinesisTls(),
                        tls -> KinesisServer.start(new KinesisServer.Config(RepoRoot.find(), config.logDir(), tls,
                                tls == ports.kinesisTls() ? ports.kinesisPlain() : 0, persist))),
                new ServerLaunch(wanted.dynamodb() == 0, ports.dynamodb(),
                        port -> DynamoDbServer.start(new DynamoDbServer.Config(port, persist ? dataDir.resolve("dynamodb") : null))),
                new ServerLaunch(wanted.s3() == 0, ports.s3(), port -> S3Server.start(config.s3Dir(), port)),
                new ServerLaunch(wanted.ssm() == 0, ports.ssm(),
                        port -> SsmServer.start(new SsmServer.Config(port, seed, persist ? dataDir.resolve("ssm-parameters.json") : null))),
                new ServerLaunch(wanted.sqs() == 0, ports.sqs(), SqsServer::start));
    }

    /**
     * How to start one server: on its reserved port, or — when any free port was asked for and another process
     * took this one between picking and binding (other test JVMs do this) — on a fresh free port, up to three times.
     */
    private record ServerLaunch(boolean anyPort, int reservedPort, IntFunction<LocalServer> startOn) {

        /** "in use" in the message, or a BindException anywhere in the causes (Jetty says "Failed to bind"). */
        private static boolean portTaken(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("in use")) {
                    return true;
                }
            }
            return false;
        }

        LocalServer start() {
            int port = reservedPort;
            for (int attempt = 1; ; attempt++) {
                try {
                    return startOn.apply(port);
                } catch (LocalCloudException e) {
                    if (!anyPort || attempt == 3 || !portTaken(e)) {
                        throw e;
                    }
                    port = LoopbackPorts.freePort();
                }
            }
        }
    }

    /** Starts every server in parallel and waits for all; the first failure is thrown once all have settled. */
    private static void startAll(List<ServerLaunch> launches, Servers servers, Map<String, Duration> timings) {
        ExecutorService pool = Executors.newFixedThreadPool(launches.size(), r -> {
            Thread t = new Thread(r, "local-cloud-start");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> starting = new ArrayList<>();
            for (int i = 0; i < launches.size(); i++) {
                int slot = i;
                starting.add(pool.submit(() -> {
                    long begin = System.nanoTime();
                    LocalServer server = launches.get(slot).start();
                    servers.set(slot, server);
                    timings.put(server.name(), Duration.ofNanos(System.nanoTime() - begin));
                    return null;
                }));
            }
            awaitAll(starting);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitAll(List<Future<?>> futures) {
        RuntimeException first = null;
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LocalCloudException("interrupted while starting the local cloud");
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new LocalCloudException(e.getCause().getMessage(), e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Until start() returns only the servers exist; afterwards the hook goes through close() (dependents first). */
    private static Thread shutdownHook(AtomicReference<LocalCloud> started, Servers servers) {
        Thread hook = new Thread(() -> {
            LocalCloud cloud = started.get();
            if (cloud != null) {
                cloud.close();
            } else {
                servers.close();
            }
        }, "local-cloud-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static Endpoints endpoints(Servers servers) {
        KinesisServer kinesis = servers.get(KinesisServer.class);
        return new Endpoints(kinesis.httpsEndpoint(), kinesis.httpEndpoint(), servers.get(DynamoDbServer.class).endpoint(),
                servers.get(S3Server.class).endpoint(), servers.get(SsmServer.class).endpoint(), servers.get(SqsServer.class).endpoint(),
                LocalCloudConfig.REGION, kinesis.caBundle().map(Path::toString).orElse(null));
    }

    private static StackDeployer.Result deploy(LocalCloudConfig config, Template template, Endpoints endpoints) {
        SdkClients clients = new SdkClients(endpoints);
        try (KinesisClient k = clients.kinesis(); DynamoDbClient d = clients.dynamoDb(); S3Client s = clients.s3();
             SqsClient q = clients.sqs(); SsmClient p = clients.ssm()) {
            return new StackDeployer(k, d, s, q, p, config.out()).deploy(template);
        }
    }

    /** The supervisor's news: printed, kept for {@link #serverEvents()}, the state file updated, listeners told. */
    private void serverEvent(ServerEvent event) {
        serverEvents.add(event);
        config.out().accept(event.line());
        if (event.restarted()) {
            try {
                writeState(); // the new pid, for down and status in other shells
            } catch (RuntimeException e) {
                config.out().accept("could not update " + config.stateFile() + ": " + e.getMessage());
            }
        }
        serverListeners.forEach(listener -> listener.accept(event));
    }

    /** Servers that died while it ran: each restarted with its data, or lost (the event's line says what to run). */
    public List<ServerEvent> serverEvents() {
        return List.copyOf(serverEvents);
    }

    /** The first server that died and could not be started again with its data, if any. */
    public Optional<ServerEvent> lostServer() {
        return serverEvents.stream().filter(e -> !e.restarted()).findFirst();
    }

    /** Called (on the supervisor's thread) for each server that died: restarted or lost. */
    public void onServerEvent(Consumer<ServerEvent> listener) {
        serverListeners.add(listener);
    }

    /** The servers as they come up, each in its launch slot; closed together, last launched first. */
    private static final class Servers implements AutoCloseable, ServerSupervisor.Slots {
        private final AtomicReferenceArray<LocalServer> slots;

        Servers(int count) {
            slots = new AtomicReferenceArray<>(count);
        }

        void set(int slot, LocalServer server) {
            slots.set(slot, server);
        }

        @Override
        public void replace(LocalServer dead, LocalServer restarted) {
            for (int i = 0; i < slots.length(); i++) {
                if (slots.compareAndSet(i, dead, restarted)) {
                    return;
                }
            }
            restarted.close(); // not one of ours (closed meanwhile): do not leave it running
        }

        /** The started servers in launch order. */
        @Override
        public List<LocalServer> all() {
            List<LocalServer> all = new ArrayList<>();
            for (int i = 0; i < slots.length(); i++) {
                if (slots.get(i) != null) {
                    all.add(slots.get(i));
                }
            }
            return all;
        }

        <T extends LocalServer> T get(Class<T> type) {
            return all().stream().filter(type::isInstance).map(type::cast).findFirst()
                    .orElseThrow(() -> new IllegalStateException(type.getSimpleName() + " did not start"));
        }

        @Override
        public void close() {
            List<LocalServer> all = all();
            Collections.reverse(all);
            RuntimeException first = null;
            for (LocalServer server : all) {
                try {
                    server.close();
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    /** A second {@code up} on the same data directory would fight over ports and files: refuse it clearly. */
    private static void refuseIfRunning(LocalCloudConfig config) {
        Optional<LocalState> state;
        try {
            state = LocalState.read(config.stateFile());
        } catch (LocalCloudException unreadable) {
            return; // a torn file from a killed run: it is overwritten below
        }
        if (state.isPresent() && state.get().pid() != ProcessHandle.current().pid() && ProcessControl.isAlive(state.get().pid())) {
            throw new LocalCloudException("a local cloud is already running from " + config.dataDir() + " (pid " + state.get().pid()
                    + "): stop it with './streamproc down' or use another --data-dir");
        }
    }

    /** Resolves every port before anything starts, so a taken port fails fast with nothing to clean up. */
    private static LocalCloudConfig.Ports reservePorts(LocalCloudConfig.Ports wanted) {
        DistinctPorts pick = new DistinctPorts();
        return new LocalCloudConfig.Ports(
                pick.port(wanted.kinesisTls(), "Kinesis (TLS)"),
                pick.port(wanted.kinesisPlain(), "Kinesis (plain HTTP)"),
                pick.port(wanted.dynamodb(), "DynamoDB Local"),
                pick.port(wanted.s3(), "S3 (s3proxy)"),
                pick.port(wanted.ssm(), "SSM Parameter Store"),
                pick.port(wanted.sqs(), "SQS (ElasticMQ)"));
    }

    /** Resolves ports so that no two free ones picked for one cloud are the same. */
    private static final class DistinctPorts {
        private final Set<Integer> chosen = new HashSet<>();

        int port(int wanted, String label) {
            int port;
            do {
                port = LoopbackPorts.resolve(wanted, label);
            } while (wanted == 0 && chosen.contains(port));
            chosen.add(port);
            return port;
        }
    }

    private static Map<String, SsmServer.SeedParameter> seedParameters(LocalCloudConfig config) {
        Map<String, SsmServer.SeedParameter> seed = new LinkedHashMap<>();
        if (config.parametersFile() != null && Files.isRegularFile(config.parametersFile())) {
            seed.putAll(SsmServer.readSeedFile(config.parametersFile()));
        }
        config.extraParameters().forEach((name, value) -> seed.put(name, SsmServer.parseSeed(value)));
        return seed;
    }

    private static void createDirectories(LocalCloudConfig config) {
        try {
            Files.createDirectories(config.logDir());
            Files.createDirectories(config.s3Dir());
        } catch (java.io.IOException e) {
            throw new LocalCloudException("cannot create the data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    private void writeState() {
        List<LocalState.Server> recorded = servers.all().stream()
                .map(server -> new LocalState.Server(server.name(), server.pid(), server.ports(), server.endpoint()))
                .toList();
        new LocalState(ProcessHandle.current().pid(), Instant.now().toString(), config.dataDir().toString(), template.stackName(),
                template.file().toString(), endpoints, recorded).write(config.stateFile());
    }

    public LocalCloudConfig config() {
        return config;
    }

    public Template template() {
        return template;
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** Shorthand for {@code endpoints().sdkEnvironment()}. */
    public Map<String, String> sdkEnvironment() {
        return endpoints.sdkEnvironment();
    }

    /** From {@link #start} called to stack created. */
    public Duration startupTime() {
        return startup;
    }

    /** How long each server took to start (in parallel), and "stack" for creating the resources. */
    public Map<String, Duration> startupBreakdown() {
        return timings;
    }

    public StackDeployer.Result deployment() {
        return deployment;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** Where bucket {@code b}'s objects land as plain files: {@code s3Dir()/b/key}. */
    public Path s3Dir() {
        return servers.get(S3Server.class).baseDir();
    }

    public KinesisServer kinesisServer() {
        return servers.get(KinesisServer.class);
    }

    /** Server name → answering now. */
    public Map<String, Boolean> health() {
        Map<String, Boolean> health = new LinkedHashMap<>();
        for (LocalServer server : servers.all()) {
            health.put(server.name(), server.isAlive());
        }
        return health;
    }

    public KinesisClient kinesisClient() {
        return new SdkClients(endpoints).kinesis();
    }

    public DynamoDbClient dynamoDbClient() {
        return new SdkClients(endpoints).dynamoDb();
    }

    public S3Client s3Client() {
        return new SdkClients(endpoints).s3();
    }

    public SqsClient sqsClient() {
        return new SdkClients(endpoints).sqs();
    }

    public SsmClient ssmClient() {
        return new SdkClients(endpoints).ssm();
    }

    /** The real DynamoDB Streams ARN of a table (DynamoDB Local labels it itself), or empty when streams are off. */
    public Optional<String> dynamoDbStreamArn(String tableName) {
        try (DynamoDbClient client = dynamoDbClient()) {
            return Optional.ofNullable(client.describeTable(b -> b.tableName(tableName)).table().latestStreamArn());
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Registers something that uses the servers (e.g. the local Lambda runtime) to be closed before they stop, by
     * {@link #close()} and by the JVM shutdown hook alike; the most recently registered closes first.
     */
    public void closeBefore(AutoCloseable dependent) {
        dependents.push(dependent);
    }

    /**
     * Closes what was registered with {@link #closeBefore}, then stops every server and child process, and removes
     * the state file. Safe to call from several threads (a concurrent caller waits until everything is stopped).
     */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (supervisor != null) {
                supervisor.close(); // a server stopped from here on is not a server that died
            }
            for (AutoCloseable dependent = dependents.poll(); dependent != null; dependent = dependents.poll()) {
                try {
                    dependent.close();
                } catch (Exception e) {
                    config.out().accept("could not stop " + dependent + " cleanly: " + e.getMessage());
                }
            }
            try {
                servers.close();
            } finally {
                removeHook(shutdownHook);
                try {
                    Optional<LocalState> state = LocalState.read(config.stateFile());
                    if (state.isPresent() && state.get().pid() == ProcessHandle.current().pid()) {
                        Files.deleteIfExists(config.stateFile());
                    }
                } catch (Exception e) {
                    config.out().accept("could not remove " + config.stateFile() + ": " + e.getMessage());
                }
            }
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private static void closeQuietly(Servers servers) {
        try {
            servers.close();
        } catch (RuntimeException ignored) {
            // the start-up error is the one to report
        }
    }
}
