package dev.streamproc.lambdakit.testing;

import dev.streamproc.lambdakit.DynamoDbClients;
import dev.streamproc.local.cloud.server.DynamoDbServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

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

    /**
     * Creates an on-demand table with the given key: the partition key's name and type, then
     * optionally the sort key's ({@code "Name", S, "StatusTime", S}).
     */
    public static void createTable(DynamoDbClient dynamo, String table, Object... key) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> schema = new ArrayList<>();
        for (int i = 0; i < key.length; i += 2) {
            String name = (String) key[i];
            attributes.add(AttributeDefinition.builder().attributeName(name).attributeType((ScalarAttributeType) key[i + 1]).build());
            schema.add(KeySchemaElement.builder().attributeName(name).keyType(i == 0 ? KeyType.HASH : KeyType.RANGE).build());
        }
        dynamo.createTable(t -> t.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes).keySchema(schema));
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
