package dev.streamproc.producer.kinesis;

import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.kinesis.producer.KinesisProducerConfiguration;

/**
 * The KPL configuration the producer runs with: aggregation on, metrics off (no CloudWatch
 * permission needed; {@code KPL_METRICS_LEVEL} turns them on), temp files under /tmp, region
 * from {@code AWS_REGION}, endpoint from the standard override variables.
 */
public final class KplSettings {

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
        KinesisProducerConfiguration config = new KinesisProducerConfiguration()
                .setRegion(region)
                .setCredentialsProvider(credentials)
                .setAggregationEnabled(true)
                .setMetricsLevel(env.getOrDefault("KPL_METRICS_LEVEL", "none"))
                .setLogLevel(env.getOrDefault("KPL_LOG_LEVEL", "warning"))
                .setTempDirectory(tmp.toString())
                .setRecordMaxBufferedTime(100)
                .setRecordTtl(number(env, "KPL_RECORD_TTL_MS", 30_000))
                .setConnectTimeout(number(env, "KPL_CONNECT_TIMEOUT_MS", 6_000))
                .setRequestTimeout(number(env, "KPL_REQUEST_TIMEOUT_MS", 6_000))
                .setMaxConnections(number(env, "KPL_MAX_CONNECTIONS", 24));
        KinesisEndpoint.fromEnvironment(env).ifPresent(endpoint -> config
                .setKinesisEndpoint(endpoint.host())
                .setKinesisPort(endpoint.port())
                .setVerifyCertificate(endpoint.verifyCertificate()));
        return config;
    }

    /** Timeouts and connections stay at KPL's defaults unless set: a CPU-starved local server needs more patience. */
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
