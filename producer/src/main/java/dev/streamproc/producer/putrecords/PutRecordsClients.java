package dev.streamproc.producer.putrecords;

import dev.streamproc.producer.kinesis.KinesisEndpoint;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * The Kinesis client and sink of the PutRecords producer, from the function's environment:
 * region {@code AWS_REGION}, endpoint {@code AWS_ENDPOINT_URL_KINESIS} (else {@code AWS_ENDPOINT_URL}),
 * request timeout {@code PUT_RECORDS_REQUEST_TIMEOUT_MS}. The SDK's own retries are off: a retried
 * call that had been stored would be a duplicate, and {@link PutRecordsSink} retries only what a
 * response reports failed. As for the KPL, an emulator on a loopback address gets a patient timeout
 * and its self-signed certificate is accepted; any other endpoint is verified.
 */
public final class PutRecordsClients {

    /** Per call: AWS answers in milliseconds; a busy local emulator may need many seconds for 5 MiB. */
    static final Duration AWS_TIMEOUT = Duration.ofSeconds(10);
    static final Duration LOOPBACK_TIMEOUT = Duration.ofSeconds(30);

    private PutRecordsClients() {
    }

    public static PutRecordsSink sink(Map<String, String> env, String stream) {
        return sink(env, stream, DefaultCredentialsProvider.builder().build());
    }

    public static PutRecordsSink sink(Map<String, String> env, String stream, AwsCredentialsProvider credentials) {
        Duration timeout = requestTimeout(env);
        return new PutRecordsSink(client(env, credentials, timeout), stream, timeout);
    }

    static Duration requestTimeout(Map<String, String> env) {
        String value = env.get("PUT_RECORDS_REQUEST_TIMEOUT_MS");
        if (value != null && !value.isBlank()) {
            try {
                return Duration.ofMillis(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("environment variable PUT_RECORDS_REQUEST_TIMEOUT_MS must be a whole"
                        + " number, got '" + value + "'");
            }
        }
        return endpoint(env) != null && KinesisEndpoint.isLoopback(endpoint(env).getHost()) ? LOOPBACK_TIMEOUT : AWS_TIMEOUT;
    }

    static KinesisClient client(Map<String, String> env, AwsCredentialsProvider credentials, Duration timeout) {
        URI endpoint = endpoint(env);
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder().socketTimeout(timeout)
                .connectionTimeout(timeout);
        if (endpoint != null && "https".equalsIgnoreCase(endpoint.getScheme())
                && KinesisEndpoint.isLoopback(endpoint.getHost())) {
            http.tlsTrustManagersProvider(() -> new TrustManager[] {new LoopbackEmulator()});
        }
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(Region.of(env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "us-east-1"))))
                .credentialsProvider(credentials)
                .httpClient(http.build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(timeout));
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static URI endpoint(Map<String, String> env) {
        String url = env.get("AWS_ENDPOINT_URL_KINESIS");
        if (url == null || url.isBlank()) {
            url = env.get("AWS_ENDPOINT_URL");
        }
        return url == null || url.isBlank() ? null : URI.create(url.trim());
    }

    /** Accepts the self-signed certificate of an emulator on this machine (used for loopback hosts only). */
    private static final class LoopbackEmulator implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
