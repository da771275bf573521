package dev.streamproc.lambdakit.testing;

import dev.streamproc.lambdakit.DynamoDbClients;
import dev.streamproc.local.cloud.server.DynamoDbServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A real DynamoDB Local server (the project's local/cloud one) and SDK clients configured as
 * the functions configure theirs, pointed at it.
 */
public final class LocalDynamoDb implements AutoCloseable {

    private final DynamoDbServer server;

    private LocalDynamoDb(DynamoDbServer server) {
        this.server = server;
    }

    public static LocalDynamoDb start() {
        return new LocalDynamoDb(DynamoDbServer.start());
    }

    public String endpoint() {
        return server.endpoint();
    }

    /** A client as the functions build theirs (no SDK retries, url-connection). */
    public DynamoDbClient client() {
        return client(DynamoDbClients.httpClient());
    }

    /** The same, over the given HTTP client (e.g. a fault-injecting one). */
    public DynamoDbClient client(SdkHttpClient wire) {
        return DynamoDbClients.configured()
                .httpClient(wire)
                .endpointOverride(URI.create(server.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /** Every item of a table (paginated scan, consistent read). */
    public static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamo, String table) {
        return dynamo.scanPaginator(scan -> scan.tableName(table).consistentRead(true)).items().stream().toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
