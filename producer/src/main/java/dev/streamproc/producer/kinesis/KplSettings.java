package dev.streamproc.producer.kinesis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

/**
 * The KPL configuration the producer runs with: aggregation on, metrics off (no CloudWatch
 * permission needed; {@code KPL_METRICS_LEVEL} turns them on), temp files under /tmp, region
 * from {@code AWS_REGION}, endpoint from the standard override variables.
 *
 * <p>{@code KPL_NATIVE_EXECUTABLE}: the KPL's {@code NativeExecutable}, a {@code kinesis_producer} binary to run
 * instead of the one the KPL extracts from its jar at each start (0.8 s of a 1.4 s start on 2 cores).
 *
 * <p>Timeouts, TTL and connections: {@code KPL_CONNECT_TIMEOUT_MS}, {@code KPL_REQUEST_TIMEOUT_MS},
 * {@code KPL_RECORD_TTL_MS}, {@code KPL_MAX_CONNECTIONS}. Unset, they follow the endpoint's
 * {@link Patience}: the KPL's own defaults for AWS, patient ones for an emulator on a loopback
 * address (a CPU-starved local server answers a 1 MB PutRecords in more than the KPL's 6 s, and
 * a request that times out after the server stored it is resent: a duplicate).
 */
public final class KplSettings {

    /** Timeouts, record TTL and connections for one kind of endpoint. */
    public record Patience(long connectTimeoutMs, long requestTimeoutMs, long recordTtlMs, long maxConnections) {

        /** The KPL's documented defaults: what runs against AWS. */
        public static final Patience AWS = new Patience(6_000, 6_000, 30_000, 24);
        /** An emulator on this machine: measured on 2 cores with 40,000 records on 4 shards (issue 13). */
        public static final Patience LOOPBACK = new Patience(30_000, 30_000, 300_000, 4);

        public static Patience forEndpoint(Optional<KinesisEndpoint> endpoint) {
            return endpoint.filter(e -> KinesisEndpoint.isLoopback(e.host())).isPresent() ? LOOPBACK : AWS;
        }
    }

    private KplSettings() {
    }

    public static KinesisProducerConfiguration fromEnvironment(Map<String, String> env) {
        return fromEnvironment(env, DefaultCredentialsProvider.builder().build());
    }

    public static KinesisProducerConfiguration fromEnvironment(Map<String, String> env,
                                                               AwsCredentialsProvider credentials) {
        String region = env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"));
        Path tmp = Path.of(env.getOrDefault("KPL_TEMP_DIRECTORY", "/tmp/kpl"));
        tmp.toFile().mkdirs();
        Optional<KinesisEndpoint> endpoint = KinesisEndpoint.fromEnvironment(env);
        Patience patience = Patience.forEndpoint(endpoint);
        KinesisProducerConfiguration config = new KinesisProducerConfiguration()
                .setRegion(region)
                .setCredentialsProvider(credentials)
                .setAggregationEnabled(true)
                .setMetricsLevel(env.getOrDefault("KPL_METRICS_LEVEL", "none"))
                .setLogLevel(env.getOrDefault("KPL_LOG_LEVEL", "warning"))
                .setTempDirectory(tmp.toString())
                .setRecordMaxBufferedTime(100)
                .setRecordTtl(number(env, "KPL_RECORD_TTL_MS", patience.recordTtlMs()))
                .setConnectTimeout(number(env, "KPL_CONNECT_TIMEOUT_MS", patience.connectTimeoutMs()))
                .setRequestTimeout(number(env, "KPL_REQUEST_TIMEOUT_MS", patience.requestTimeoutMs()))
                .setMaxConnections(number(env, "KPL_MAX_CONNECTIONS", patience.maxConnections()));
        String nativeExecutable = env.get("KPL_NATIVE_EXECUTABLE");
        if (nativeExecutable != null && !nativeExecutable.isBlank()) {
            // an already extracted binary: the KPL otherwise inflates and compares its 89 MB on every start
            config.setNativeExecutable(nativeExecutable);
        }
        endpoint.ifPresent(e -> config
                .setKinesisEndpoint(e.host())
                .setKinesisPort(e.port())
                .setVerifyCertificate(e.verifyCertificate()));
        return config;
    }

    /**
     * The longest a flushed record can go without an outcome: the KPL fails it as expired once its
     * TTL has passed, and a request already on the wire then still has its timeout to finish.
     */
    public static Duration outcomeDeadline(KinesisProducerConfiguration config) {
        return Duration.ofMillis(config.getRecordTtl() + config.getRequestTimeout() + 5_000);
    }

    private static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("environment variable " + name + " must be a whole number, got '"
                    + value + "'");
        }
    }
}
