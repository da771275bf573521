package dev.streamproc.lambdakit;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The functions' DynamoDB client. Region, credentials and endpoint come from the standard
 * places ({@code AWS_REGION}, the default credentials chain, {@code AWS_ENDPOINT_URL_DYNAMODB}
 * or {@code AWS_ENDPOINT_URL}), which the SDK reads itself, so the same code runs on AWS and
 * against a local DynamoDB.
 */
public final class DynamoDbClients {

    private DynamoDbClients() {
    }

    public static DynamoDbClient fromEnvironment() {
        return configured().build();
    }

    /** The production configuration, before the SDK resolves region, credentials and endpoint. */
    public static DynamoDbClientBuilder configured() {
        return DynamoDbClient.builder()
                .httpClient(httpClient())
                // BatchWriter (and the other writers) retry with backoff bounded by the invocation's remaining time;
                // SDK retries underneath would multiply attempts and ignore that deadline.
                .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    /**
     * The JDK's HttpURLConnection: no extra jars (a smaller package, fewer classes to load at
     * cold start); the writer's few parallel calls do not need a bigger connection pool.
     */
    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(Duration.ofSeconds(10))
                .build();
    }
}
