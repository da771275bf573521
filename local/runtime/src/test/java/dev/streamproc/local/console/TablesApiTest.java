package dev.streamproc.local.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.cloud.server.DynamoDbServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The items explorer against DynamoDB Local: pages of scans and queries, never more than the limit per request. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class TablesApiTest {

    static final String TABLE = "Events";
    static final int USERS = 3;
    static final int PER_USER = 70;

    DynamoDbServer server;
    DynamoDbClient dynamoDb;
    TablesApi api;

    @BeforeAll
    void createTable() {
        server = DynamoDbServer.start();
        dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create(server.endpoint())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        // the shape of template.yaml's EventData: Username/Id, and the ByTopic index on Topic/Timestamp
        dynamoDb.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("Username").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("Id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("Topic").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("Timestamp").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("Username").keyType(KeyType.HASH), k -> k.attributeName("Id").keyType(KeyType.RANGE))
                .globalSecondaryIndexes(g -> g.indexName("ByTopic").projection(p -> p.projectionType(ProjectionType.ALL))
                        .keySchema(k -> k.attributeName("Topic").keyType(KeyType.HASH), k -> k.attributeName("Timestamp").keyType(KeyType.RANGE))));
        List<WriteRequest> writes = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < PER_USER; i++) {
                Map<String, AttributeValue> item = item("user" + u, i);
                writes.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
            }
        }
        for (int from = 0; from < writes.size(); from += 25) {
            List<WriteRequest> batch = writes.subList(from, Math.min(writes.size(), from + 25));
            dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(TABLE, batch)));
        }
        api = new TablesApi(dynamoDb);
    }

    static Map<String, AttributeValue> item(String user, int i) {
        return Map.of("Username", AttributeValue.fromS(user), "Id", AttributeValue.fromS(String.format("%04d", i)),
                "Topic", AttributeValue.fromS(i % 2 == 0 ? "#Java" : "#AWS"), "Timestamp", AttributeValue.fromS(String.format("2026-11-29T10:%02d:00Z", i % 60)),
                "Text", AttributeValue.fromS("tweet " + i));
    }

    @AfterAll
    void stop() {
        dynamoDb.close();
        server.close();
    }

    @Test
    void describesTheKeySchemaAndIndexes() {
        TablesApi.Table table = api.table(TABLE);

        assertThat(table.key()).isEqualTo(new TablesApi.Key("Username", "Id"));
        assertThat(table.indexes()).containsExactly(new TablesApi.Index("ByTopic", new TablesApi.Key("Topic", "Timestamp")));
        assertThat(api.tables()).extracting(TablesApi.Table::name).contains(TABLE);
    }

    @Test
    void aScanIsReadPageByPageWithTheToken() {
        Set<String> seen = new HashSet<>();
        String start = null;
        int pages = 0;
        do {
            TablesApi.Page page = api.scan(TABLE, 50, start);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(50);
            assertThat(page.scannedCount()).isLessThanOrEqualTo(50);
            page.items().forEach(i -> seen.add(i.get("Username").asText() + "/" + i.get("Id").asText()));
            start = page.next();
            pages++;
        } while (start != null);

        assertThat(seen).hasSize(USERS * PER_USER);
        assertThat(pages).isBetween(5, 6); // 210 items: 5 pages, and DynamoDB may answer a last empty one
    }

    @Test
    void aQueryByPartitionKeyWithASortKeyCondition() {
        TablesApi.Page page = api.query(TABLE, null, "user1", "begins_with", "001", null, false, 25, null);

        assertThat(page.items()).extracting(i -> i.get("Id").asText())
                .containsExactly("0010", "0011", "0012", "0013", "0014", "0015", "0016", "0017", "0018", "0019");
        assertThat(page.items()).allMatch(i -> i.get("Username").asText().equals("user1"));

        TablesApi.Page between = api.query(TABLE, null, "user2", "between", "0005", "0007", true, 25, null);
        assertThat(between.items()).extracting(i -> i.get("Id").asText()).containsExactly("0007", "0006", "0005");
    }

    @Test
    void aQueryOnTheIndexPagesToo() {
        Set<String> ids = new HashSet<>();
        String start = null;
        do {
            TablesApi.Page page = api.query(TABLE, "ByTopic", "#Java", ">=", "2026-11-29T10:30:00Z", null, false, 20, start);
            assertThat(page.items()).hasSizeLessThanOrEqualTo(20);
            page.items().forEach(i -> {
                assertThat(i.get("Topic").asText()).isEqualTo("#Java");
                ids.add(i.get("Username").asText() + i.get("Id").asText());
            });
            start = page.next();
        } while (start != null);

        // per user the even i with i % 60 >= 30: 30..58 (15) and none of 60..69 (their minute is 0..9)
        assertThat(ids).hasSize(USERS * 15);
    }

    @Test
    void itemsAreCreatedEditedAndDeletedAndTheirTextStaysText() throws Exception {
        String xss = "<img src=x onerror=alert(1)>";
        api.put(TABLE, ConsoleServer.JSON.readTree("{\"format\":\"plain\",\"item\":{\"Username\":\"xss\",\"Id\":\"1\",\"Text\":\"" + xss + "\",\"Score\":7}}"));
        api.put(TABLE, ConsoleServer.JSON.readTree("{\"format\":\"dynamodb\",\"item\":{\"Username\":{\"S\":\"xss\"},\"Id\":{\"S\":\"1\"},"
                + "\"Text\":{\"S\":\"" + xss + "\"},\"Score\":{\"N\":\"8\"}}}"));

        TablesApi.Page page = api.query(TABLE, null, "xss", null, null, null, false, 10, null);
        assertThat(page.items()).hasSize(1);
        JsonNode item = page.items().get(0);
        assertThat(item.get("Text").asText()).isEqualTo(xss);
        assertThat(item.get("Score").asInt()).isEqualTo(8);
        assertThat(page.typedItems().get(0).get("Score").get("N").asText()).isEqualTo("8");

        var deleted = api.delete(TABLE, ConsoleServer.JSON.readTree("{\"key\":{\"Username\":{\"S\":\"xss\"},\"Id\":{\"S\":\"1\"}}}"));
        assertThat(deleted).containsEntry("deleted", true);
        assertThat(api.query(TABLE, null, "xss", null, null, null, false, 10, null).items()).isEmpty();
    }

    @Test
    void badRequestsSayWhatIsWrong() throws Exception {
        assertThatThrownBy(() -> api.put(TABLE, ConsoleServer.JSON.readTree("{\"item\":{\"Username\":\"u\"}}")))
                .isInstanceOf(ApiException.class).hasMessage("the item needs its key attribute 'Id'");
        assertThatThrownBy(() -> api.query(TABLE, "NoSuchIndex", "x", null, null, null, false, 10, null))
                .isInstanceOf(ApiException.class).hasMessage("index NoSuchIndex of Events not found");
        assertThatThrownBy(() -> api.scan("NoSuchTable", 10, null)).isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).status())
                .isEqualTo(404);
        assertThatThrownBy(() -> api.scan(TABLE, 10, "Zm9v")).isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).status())
                .isEqualTo(400);
    }
}
