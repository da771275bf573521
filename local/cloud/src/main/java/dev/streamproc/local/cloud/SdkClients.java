package dev.streamproc.local.cloud;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Ready-made SDK v2 clients for the local servers: dummy static credentials, the local region, path-style S3,
 * and Kinesis over its plain HTTP port (no certificate to trust). Callers close the clients they create.
 */
public final class SdkClients {

    private final Endpoints endpoints;

    public SdkClients(Endpoints endpoints) {
        this.endpoints = endpoints;
    }

    private static SdkHttpClient http() {
        return UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(30)).build();
    }

    private StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(Endpoints.ACCESS_KEY_ID, Endpoints.SECRET_ACCESS_KEY));
    }

    public KinesisClient kinesis() {
        return KinesisClient.builder().endpointOverride(URI.create(endpoints.kinesisPlain())).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials()).httpClient(http()).build();
    }

    public DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoints.dynamodb())).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials()).httpClient(http()).build();
    }

    public S3Client s3() {
        return S3Client.builder().endpointOverride(URI.create(endpoints.s3())).region(Region.of(endpoints.region()))
                .forcePathStyle(true).credentialsProvider(credentials()).httpClient(http()).build();
    }

    public SqsClient sqs() {
        return SqsClient.builder().endpointOverride(URI.create(endpoints.sqs())).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials()).httpClient(http()).build();
    }

    public SsmClient ssm() {
        return SsmClient.builder().endpointOverride(URI.create(endpoints.ssm())).region(Region.of(endpoints.region()))
                .credentialsProvider(credentials()).httpClient(http()).build();
    }
}
