package dev.streamproc.local.cloud;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    private final KinesisServer kinesis;
    private final DynamoDbServer dynamoDb;
    private final S3Server s3;
    private final SsmServer ssm;
    private final SqsServer sqs;
    private final Endpoints endpoints;
    private final StackDeployer.Result deployment;
    private final Duration startup;
    private final Map<String, Duration> timings;
    private final Servers servers;
    private final Thread shutdownHook;
    private final Object closeLock = new Object();
    private final java.util.Deque<AutoCloseable> dependents = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private LocalCloud(LocalCloudConfig config, Template template, Servers servers, Endpoints endpoints, StackDeployer.Result deployment,
                       Duration startup, Map<String, Duration> timings, Thread shutdownHook) {
        this.timings = timings;
        this.config = config;
        this.template = template;
        this.servers = servers;
        this.kinesis = servers.kinesis;
        this.dynamoDb = servers.dynamoDb;
        this.s3 = servers.s3;
        this.ssm = servers.ssm;
        this.sqs = servers.sqs;
        this.endpoints = endpoints;
        this.deployment = deployment;
        this.startup = startup;
        this.shutdownHook = shutdownHook;
    }

    /** Servers as they come up; closed together when start-up fails. */
    private static final class Servers implements AutoCloseable {
        volatile KinesisServer kinesis;
        volatile DynamoDbServer dynamoDb;
        volatile S3Server s3;
        volatile SsmServer ssm;
        volatile SqsServer sqs;

        @Override
        public void close() {
            List<AutoCloseable> all = new ArrayList<>();
            for (AutoCloseable server : new AutoCloseable[] {sqs, ssm, s3, dynamoDb, kinesis}) {
                if (server != null) {
                    all.add(server);
                }
            }
            RuntimeException first = null;
            for (AutoCloseable server : all) {
                try {
                    server.close();
                } catch (Exception e) {
                    if (first == null) {
                        first = e instanceof RuntimeException r ? r : new LocalCloudException(e.getMessage(), e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    public static LocalCloud start(LocalCloudConfig config) {
        long begin = System.nanoTime();
        refuseIfRunning(config);
        LocalCloudConfig.Ports ports = reservePorts(config.ports());
        String sqsEndpoint = "http://" + LoopbackPorts.LOOPBACK + ":" + ports.sqs();
        Template checked = Template.load(config.template(), Template.Options.defaults().withStackName(config.stackName())
                .withOverrides(config.parameterOverrides()).withSqsEndpoint(sqsEndpoint));
        Map<String, SsmServer.SeedParameter> seed = seedParameters(config);
        createDirectories(config);

        Servers servers = new Servers();
        java.util.concurrent.atomic.AtomicReference<LocalCloud> started = new java.util.concurrent.atomic.AtomicReference<>();
        // Until start() returns only the servers exist; afterwards the hook goes through close() (dependents first).
        Thread hook = new Thread(() -> {
            if (started.get() != null) {
                started.get().close();
            } else {
                servers.close();
            }
        }, "local-cloud-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ExecutorService pool = Executors.newFixedThreadPool(5, r -> {
            Thread t = new Thread(r, "local-cloud-start");
            t.setDaemon(true);
            return t;
        });
        Map<String, Duration> timings = new java.util.concurrent.ConcurrentSkipListMap<>();
        try {
            List<Future<?>> starting = new ArrayList<>();
            LocalCloudConfig.Ports wanted = config.ports();
            starting.add(pool.submit(call(timings, "kinesis", () -> servers.kinesis = retryOnPortRace(wanted.kinesisTls() == 0 && wanted.kinesisPlain() == 0,
                    ports.kinesisTls(), tls -> KinesisServer.start(new KinesisServer.Config(RepoRoot.find(), config.logDir(), tls,
                            tls == ports.kinesisTls() ? ports.kinesisPlain() : 0, config.persist()))))));
            starting.add(pool.submit(call(timings, "dynamodb", () -> servers.dynamoDb = retryOnPortRace(wanted.dynamodb() == 0, ports.dynamodb(),
                    port -> DynamoDbServer.start(new DynamoDbServer.Config(port, config.persist() ? config.dataDir().resolve("dynamodb") : null))))));
            starting.add(pool.submit(call(timings, "s3", () -> servers.s3 = retryOnPortRace(wanted.s3() == 0, ports.s3(),
                    port -> S3Server.start(config.s3Dir(), port)))));
            starting.add(pool.submit(call(timings, "ssm", () -> servers.ssm = retryOnPortRace(wanted.ssm() == 0, ports.ssm(),
                    port -> SsmServer.start(new SsmServer.Config(port, seed, config.persist() ? config.dataDir().resolve("ssm-parameters.json") : null))))));
            starting.add(pool.submit(call(timings, "sqs", () -> servers.sqs = retryOnPortRace(wanted.sqs() == 0, ports.sqs(), SqsServer::start))));
            awaitAll(starting);

            Template template = checked;
            if (servers.sqs.port() != ports.sqs()) {
                // Another process took the picked port meanwhile: queue URLs must name the one really used.
                template = Template.load(config.template(), Template.Options.defaults().withStackName(config.stackName())
                        .withOverrides(config.parameterOverrides()).withSqsEndpoint(servers.sqs.endpoint()));
            }
            Endpoints endpoints = new Endpoints(servers.kinesis.httpsEndpoint(), servers.kinesis.httpEndpoint(), servers.dynamoDb.endpoint(),
                    servers.s3.endpoint(), servers.ssm.endpoint(), servers.sqs.endpoint(), LocalCloudConfig.REGION,
                    servers.kinesis.caBundle().map(Path::toString).orElse(null));
            StackDeployer.Result deployment;
            long deployBegin = System.nanoTime();
            SdkClients clients = new SdkClients(endpoints);
            try (KinesisClient k = clients.kinesis(); DynamoDbClient d = clients.dynamoDb(); S3Client s = clients.s3();
                 SqsClient q = clients.sqs(); SsmClient p = clients.ssm()) {
                deployment = new StackDeployer(k, d, s, q, p, config.out()).deploy(template);
            }
            timings.put("stack", Duration.ofNanos(System.nanoTime() - deployBegin));
            Duration startup = Duration.ofNanos(System.nanoTime() - begin);
            LocalCloud cloud = new LocalCloud(config, template, servers, endpoints, deployment, startup, Map.copyOf(timings), hook);
            cloud.writeState();
            started.set(cloud);
            return cloud;
        } catch (RuntimeException e) {
            closeQuietly(servers);
            removeHook(hook);
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Starts a server on {@code picked}; when the caller asked for any free port and another process took this one
     * between picking and binding (other test JVMs do this), tries a fresh free port, up to three times.
     */
    private static <T> T retryOnPortRace(boolean anyPort, int picked, java.util.function.IntFunction<T> start) {
        int port = picked;
        for (int attempt = 1; ; attempt++) {
            try {
                return start.apply(port);
            } catch (LocalCloudException e) {
                if (!anyPort || attempt == 3 || !String.valueOf(e.getMessage()).contains("in use")) {
                    throw e;
                }
                port = LoopbackPorts.freePort();
            }
        }
    }

    private static Callable<Void> call(Map<String, Duration> timings, String server, Runnable action) {
        return () -> {
            long begin = System.nanoTime();
            action.run();
            timings.put(server, Duration.ofNanos(System.nanoTime() - begin));
            return null;
        };
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
        List<Integer> chosen = new ArrayList<>();
        int[] values = {wanted.kinesisTls(), wanted.kinesisPlain(), wanted.dynamodb(), wanted.s3(), wanted.ssm(), wanted.sqs()};
        String[] names = {"Kinesis (TLS)", "Kinesis (plain HTTP)", "DynamoDB Local", "S3 (s3proxy)", "SSM Parameter Store", "SQS (ElasticMQ)"};
        for (int i = 0; i < values.length; i++) {
            int port;
            do {
                port = LoopbackPorts.resolve(values[i], names[i]);
            } while (values[i] == 0 && chosen.contains(port));
            chosen.add(port);
        }
        return new LocalCloudConfig.Ports(chosen.get(0), chosen.get(1), chosen.get(2), chosen.get(3), chosen.get(4), chosen.get(5));
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
        long self = ProcessHandle.current().pid();
        List<LocalState.Server> servers = List.of(
                new LocalState.Server("kinesis", kinesis.pid(), List.of(kinesis.httpsPort(), kinesis.httpPort()), kinesis.httpsEndpoint()),
                new LocalState.Server("dynamodb", self, List.of(dynamoDb.port()), dynamoDb.endpoint()),
                new LocalState.Server("s3", self, List.of(s3.port()), s3.endpoint()),
                new LocalState.Server("ssm", self, List.of(ssm.port()), ssm.endpoint()),
                new LocalState.Server("sqs", self, List.of(sqs.port()), sqs.endpoint()));
        new LocalState(self, Instant.now().toString(), config.dataDir().toString(), template.stackName(), template.file().toString(),
                endpoints, servers).write(config.stateFile());
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
        return s3.baseDir();
    }

    public KinesisServer kinesisServer() {
        return kinesis;
    }

    /** Server name → answering now. */
    public Map<String, Boolean> health() {
        Map<String, Boolean> health = new LinkedHashMap<>();
        health.put("kinesis", kinesis.isAlive() && kinesis.isHealthy());
        health.put("dynamodb", dynamoDb.isAlive());
        health.put("s3", s3.isAlive());
        health.put("ssm", ssm.isAlive());
        health.put("sqs", sqs.isAlive());
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
