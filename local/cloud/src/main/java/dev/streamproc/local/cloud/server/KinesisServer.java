package dev.streamproc.local.cloud.server;

import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.LocalCloudException;
import dev.streamproc.local.cloud.process.LoopbackPorts;
import dev.streamproc.local.cloud.process.ProcessControl;
import dev.streamproc.local.cloud.process.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kinesis server: npm {@code kinesis-local} (kinesis-mock) on node, a TLS port (the KPL needs TLS) and a
 * plain HTTP port, both forced onto 127.0.0.1 by a small {@code -r} preload (kinesis-mock binds 0.0.0.0).
 */
public final class KinesisServer implements LocalServer {

    /** Where and how to run it. Ports 0 = pick free ones. */
    public record Config(Path root, Path workDir, int tlsPort, int plainPort, boolean persist) {

        public static Config inWorkDir(Path workDir) {
            return new Config(RepoRoot.find(), workDir, 0, 0, false);
        }

        public Config withPorts(int tls, int plain) {
            return new Config(root, workDir, tls, plain, persist);
        }

        public Config withPersist(boolean value) {
            return new Config(root, workDir, tlsPort, plainPort, value);
        }
    }

    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Keeps every server socket of the node process on loopback, whatever host it asks for. */
    private static final String LOOPBACK_PRELOAD = """
            // Written by streamproc: force every listening socket of kinesis-mock onto 127.0.0.1.
            const net = require('net');
            const listen = net.Server.prototype.listen;
            net.Server.prototype.listen = function (...args) {
              const first = args[0];
              if (typeof first === 'number' || (typeof first === 'string' && /^\\d+$/.test(first))) {
                if (typeof args[1] === 'string') { args[1] = '127.0.0.1'; } else { args.splice(1, 0, '127.0.0.1'); }
              } else if (first && typeof first === 'object' && first.path === undefined) {
                args[0] = Object.assign({}, first, { host: '127.0.0.1' });
              }
              return listen.apply(this, args);
            };
            """;

    private final Config config;
    private final Path main;
    private final Process process;
    private final int tlsPort;
    private final int plainPort;
    private final Path log;
    private final Path caBundle;

    private KinesisServer(Config config, Path main, Process process, int tlsPort, int plainPort, Path log, Path caBundle) {
        this.config = config;
        this.main = main;
        this.caBundle = caBundle;
        this.process = process;
        this.tlsPort = tlsPort;
        this.plainPort = plainPort;
        this.log = log;
    }

    /** Starts on free ports, logs and preload under {@code workDir}. */
    public static KinesisServer start(Path workDir) {
        return start(Config.inWorkDir(workDir));
    }

    public static KinesisServer start(Config config) {
        Path main = RepoRoot.kinesisMain(config.root());
        if (!Files.isRegularFile(main)) {
            throw new LocalCloudException("the Kinesis server is not installed (" + main + " missing): run 'npm ci' in "
                    + config.root().resolve("local/cloud/node") + " (or './mvnw -pl local/cloud install', or './streamproc')");
        }
        int tls = LoopbackPorts.resolve(config.tlsPort(), "Kinesis (TLS)");
        int plain = LoopbackPorts.resolve(config.plainPort(), "Kinesis (plain HTTP)");
        if (!config.persist()) {
            try {
                Files.deleteIfExists(dataFile(config)); // a fresh cloud: the file only serves restarts within this run
            } catch (IOException e) {
                throw new LocalCloudException("cannot clear " + dataFile(config) + ": " + e.getMessage(), e);
            }
        }
        return launch(config, main, tls, plain);
    }

    /**
     * kinesis-mock always writes its streams to {@code kinesis-data/} every {@link #persistInterval(boolean)}, so that one
     * that died can be started again with them; without {@code --persist} the file is cleared when the cloud starts.
     */
    private static KinesisServer launch(Config config, Path main, int tls, int plain) {
        String node = findNode();
        try {
            Files.createDirectories(config.workDir());
            Path preload = config.workDir().resolve("kinesis-loopback.js");
            Files.writeString(preload, LOOPBACK_PRELOAD, StandardCharsets.UTF_8);
            Path log = config.workDir().resolve("kinesis.log");
            // V8's own sizing: --optimize-for-size and a 1 MB young generation took its idle RSS from 217 MB to 135 MB
            // but tripled its CPU in the demo (issue 15); two malloc arenas saved ~25 MB at no cost.
            List<String> command = new ArrayList<>(List.of(node, "-r", preload.toString(), main.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(config.workDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tls));
            env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plain));
            Optional<KinesisCertificate.Issued> certificate = KinesisCertificate.ensure(config.workDir().resolve("kinesis-tls"));
            env.put("KINESIS_MOCK_CERT_PATH", certificate.map(KinesisCertificate.Issued::serverJson).orElse(main.resolveSibling("server.json")).toString());
            for (String op : List.of("CREATE_STREAM", "DELETE_STREAM", "REGISTER_STREAM_CONSUMER", "DEREGISTER_STREAM_CONSUMER",
                    "MERGE_SHARDS", "SPLIT_SHARD", "START_STREAM_ENCRYPTION", "STOP_STREAM_ENCRYPTION", "UPDATE_SHARD_COUNT",
                    "UPDATE_STREAM_MODE")) {
                env.put(op + "_DURATION", "0ms");
            }
            // fewer malloc arenas and libuv threads: kinesis-mock is one event loop and needs neither (idle RSS)
            env.put("MALLOC_ARENA_MAX", "2");
            env.put("UV_THREADPOOL_SIZE", "2");
            env.put("AWS_REGION", LocalCloudConfig.REGION);
            env.put("AWS_ACCOUNT_ID", LocalCloudConfig.ACCOUNT_ID);
            env.put("LOG_LEVEL", "WARN");
            env.put("ROOT_LOG_LEVEL", "ERROR");
            Files.createDirectories(dataFile(config).getParent());
            env.put("SHOULD_PERSIST_DATA", "true");
            env.put("PERSIST_PATH", dataFile(config).getParent().toString());
            env.put("PERSIST_FILE_NAME", dataFile(config).getFileName().toString());
            env.put("PERSIST_INTERVAL", persistInterval(config.persist()).toMillis() + "ms");
            env.put("LOAD_DATA_IF_EXISTS", "true");
            Process process = builder.start();
            KinesisServer server = new KinesisServer(config, main, process, tls, plain, log,
                    certificate.map(KinesisCertificate.Issued::caBundle).orElse(null));
            try {
                Readiness.await("Kinesis server", START_TIMEOUT, server::isHealthy, process::isAlive, log.toString());
            } catch (RuntimeException e) {
                server.close();
                if (logMentions(log, "EADDRINUSE")) {
                    throw new LocalCloudException("Kinesis: port " + tls + " or " + plain + " on 127.0.0.1 is already in use; stop what"
                            + " uses it or choose other ports", e);
                }
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new LocalCloudException("cannot start the Kinesis server: " + e.getMessage(), e);
        }
    }

    /** Where kinesis-mock keeps its streams. */
    static Path dataFile(Config config) {
        return config.workDir().resolve("kinesis-data").resolve("kinesis-data.json");
    }

    /**
     * How often kinesis-mock writes its streams. It rewrites the whole file each time (about 0.7 s of CPU per 10 MB,
     * idle or not). Without {@code --persist} the file only serves a restart after a crash: 5 s, kinesis-mock's own
     * default (at 1 s the demo's Kinesis server spent 10.8 s of CPU instead of 6.6 s, and the demo took 20.5 s
     * instead of 16.7 s: issue 15); records acknowledged within it before a crash are lost, and counted. With
     * {@code --persist} 1 s, and {@link #close()} waits for one more save, so that a stop loses nothing.
     * {@code STREAMPROC_KINESIS_PERSIST_INTERVAL} (e.g. {@code 2s}) sets both.
     */
    static Duration persistInterval(boolean persist) {
        String configured = System.getenv("STREAMPROC_KINESIS_PERSIST_INTERVAL");
        if (configured != null && !configured.isBlank()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})(ms|s)").matcher(configured.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new LocalCloudException("STREAMPROC_KINESIS_PERSIST_INTERVAL must be like 1s or 500ms, not '" + configured + "'");
            }
            long n = Long.parseLong(m.group(1));
            return m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
        }
        return persist ? PERSISTENT_SAVE_INTERVAL : CRASH_RECOVERY_SAVE_INTERVAL;
    }

    /** The save interval of a stack started without {@code --persist}: kinesis-mock's own default. */
    public static final Duration CRASH_RECOVERY_SAVE_INTERVAL = Duration.ofSeconds(5);
    static final Duration PERSISTENT_SAVE_INTERVAL = Duration.ofSeconds(1);

    /** A save can take a while on a busy machine (the whole file is rewritten). */
    private static final Duration SAVE_PATIENCE = Duration.ofSeconds(3);

    private void awaitSaveAfter(long sinceMillis, Duration patience) {
        Path file = dataFile(config);
        long deadline = System.nanoTime() + patience.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toMillis() > sinceMillis) {
                    return;
                }
                Thread.sleep(50);
            } catch (IOException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean logMentions(Path log, String text) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static String findNode() {
        String explicit = System.getenv("STREAMPROC_NODE");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "node");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new LocalCloudException("node is not installed (not found on PATH): install Node.js 18+ (e.g. 'apt-get install nodejs')"
                + " or set STREAMPROC_NODE to its path");
    }

    private boolean isHealthy() {
        return Readiness.httpAnswers(httpEndpoint() + "/healthcheck", 200);
    }

    /** The TLS endpoint (self-signed certificate: clients must trust it or skip verification). */
    public String httpsEndpoint() {
        return "https://" + LoopbackPorts.LOOPBACK + ":" + tlsPort;
    }

    public String httpEndpoint() {
        return "http://" + LoopbackPorts.LOOPBACK + ":" + plainPort;
    }

    @Override
    public String name() {
        return "kinesis";
    }

    /** The TLS port, then the plain HTTP port. */
    @Override
    public List<Integer> ports() {
        return List.of(tlsPort, plainPort);
    }

    /** The endpoint the stack advertises: HTTPS, as the KPL needs. */
    @Override
    public String endpoint() {
        return httpsEndpoint();
    }

    public int httpsPort() {
        return tlsPort;
    }

    public int httpPort() {
        return plainPort;
    }

    /** The node process (kinesis-mock runs outside this JVM). */
    @Override
    public long pid() {
        return process.pid();
    }

    /** The node process runs and answers its health check. */
    @Override
    public boolean isAlive() {
        return process.isAlive() && isHealthy();
    }

    @Override
    public boolean exited() {
        return !process.isAlive();
    }

    /**
     * A new kinesis-mock on the same ports that loads the streams as last written (see {@link #persistInterval(boolean)}):
     * the sequence numbers, and so the readers' checkpoints, stay valid. What it could not load fails the start.
     */
    @Override
    public Optional<LocalServer> restartWithItsData() {
        ProcessControl.terminate(process.toHandle(), ProcessControl.DEFAULT_GRACE); // one that still runs saves its streams first
        return Optional.of(launch(config, main, tlsPort, plainPort));
    }

    /** A PEM that verifies the TLS endpoint (for AWS_CA_BUNDLE), when one could be made. */
    public Optional<Path> caBundle() {
        return Optional.ofNullable(caBundle);
    }

    public Path log() {
        return log;
    }

    /**
     * Stops kinesis-mock. With {@code --persist} it gets SIGTERM and writes its streams before it exits. Without, it
     * is killed at once: on SIGTERM kinesis-mock waits for every client's idle keep-alive connection to close (up to
     * 30 s), only to write the streams to a file the next start clears; that file (perhaps torn by the kill) goes too.
     */
    @Override
    public void close() {
        if (config.persist()) {
            // kinesis-mock does not save when it is stopped: wait for the save that follows this call (the stack's
            // writers have stopped by now), so that the next start has every record acknowledged before the stop
            awaitSaveAfter(System.currentTimeMillis(), persistInterval(true).plus(SAVE_PATIENCE));
            ProcessControl.terminate(process.toHandle(), ProcessControl.DEFAULT_GRACE);
            return;
        }
        ProcessControl.terminate(process.toHandle(), Duration.ZERO);
        try {
            Files.deleteIfExists(dataFile(config));
        } catch (IOException e) {
            // cleared by the next start all the same
        }
    }
}
