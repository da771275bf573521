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
                .setRecordTtl(30_000);
        KinesisEndpoint.fromEnvironment(env).ifPresent(endpoint -> config
                .setKinesisEndpoint(endpoint.host())
                .setKinesisPort(endpoint.port())
                .setVerifyCertificate(endpoint.verifyCertificate()));
        return config;
    }
}
