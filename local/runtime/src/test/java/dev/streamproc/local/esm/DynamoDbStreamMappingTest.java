package dev.streamproc.local.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.cloud.server.DynamoDbServer;
import dev.streamproc.local.lambda.LambdaInvoker.InvocationResult;
import dev.streamproc.local.stream.DynamoDbStreamSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A {@code DynamoDB} event source: the same mapping over DynamoDB Local's stream, through the stream adapter. */
class DynamoDbStreamMappingTest {

    private static DynamoDbServer server;
    private static DynamoDbClient dynamoDb;
    private static DynamoDbStreamsClient streams;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startDynamoDb() {
        server = DynamoDbServer.start();
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        streams = DynamoDbStreamsClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stopDynamoDb() {
        server.close();
    }

    @Test
    void deliversItemChangesInTheDynamoDbStreamsEventShape() throws Exception {
        String table = StreamTestServers.unique("ddb-esm");
        String streamArn = dynamoDb.createTable(r -> r.tableName(table)
                .keySchema(k -> k.attributeName("Id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("Id").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
        for (int i = 0; i < 3; i++) {
            String id = "item-" + i;
            int n = i;
            dynamoDb.putItem(r -> r.tableName(table).item(Map.of("Id", AttributeValue.fromS(id), "Count", AttributeValue.fromN("" + n),
                    "Tags", AttributeValue.fromSs(List.of("a", "b")))));
        }
        dynamoDb.deleteItem(r -> r.tableName(table).key(Map.of("Id", AttributeValue.fromS("item-0"))));
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        EsmSettings settings = EsmSettings.builder("DdbFunction", "arn:aws:lambda:us-east-1:000000000000:function:ddb", streamArn)
                .idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(20)).build();

        try (EventSourceMapping mapping = new EventSourceMapping(settings, new DynamoDbStreamSource(streams, streamArn),
                new DynamoDbEventFormat(streamArn), (f, event) -> {
                    try {
                        events.add(RecordingFunction.JSON.readTree(event));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                    return InvocationResult.success(null, Duration.ofMillis(1));
                }, null, dataDir).start()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> mapping.metrics().recordsDelivered() >= 4);
            assertThat(mapping.metrics().recordsDelivered()).isEqualTo(4);
        }

        List<JsonNode> records = events.stream().flatMap(e -> java.util.stream.StreamSupport.stream(e.get("Records").spliterator(), false))
                .toList();
        assertThat(records).extracting(r -> r.get("eventName").asText()).containsExactly("INSERT", "INSERT", "INSERT", "REMOVE");
        JsonNode first = records.get(0);
        assertThat(first.get("eventSource").asText()).isEqualTo("aws:dynamodb");
        assertThat(first.get("eventSourceARN").asText()).isEqualTo(streamArn);
        assertThat(first.get("eventID").asText()).isNotBlank();
        assertThat(first.at("/dynamodb/Keys/Id/S").asText()).isEqualTo("item-0");
        assertThat(first.at("/dynamodb/NewImage/Count/N").asText()).isEqualTo("0");
        assertThat(first.at("/dynamodb/NewImage/Tags/SS").size()).isEqualTo(2);
        assertThat(first.at("/dynamodb/StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(first.at("/dynamodb/SequenceNumber").asText()).isNotBlank();
        assertThat(records.get(3).at("/dynamodb/OldImage/Id/S").asText()).isEqualTo("item-0");
    }
}
