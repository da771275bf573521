package dev.streamproc.local.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * DynamoDB's "Explore items": tables with their key schema and item count, one page of a scan or of a query
 * (partition key, optional sort-key condition, table or global secondary index), one item, put and delete.
 * Every read is one request with a Limit: a view never scans the whole table.
 */
public final class TablesApi {

    static final int MAX_PAGE = 200;

    public record Key(String partitionKey, String sortKey) {
    }

    public record Index(String name, Key key) {
    }

    public record Table(String name, long itemCount, Key key, List<Index> indexes, String status) {
    }

    public record Page(List<JsonNode> items, List<JsonNode> typedItems, String next, int count, int scannedCount) {
    }

    private final DynamoDbClient dynamoDb;

    public TablesApi(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    public void register(Routes routes) {
        routes.get("/tables", r -> tables());
        routes.get("/tables/{name}", r -> table(r.path(0)));
        routes.get("/tables/{name}/scan", r -> scan(r.path(0), r.intParam("limit", 25, 1, MAX_PAGE), r.param("start", null)));
        routes.get("/tables/{name}/query", r -> query(r.path(0), r.param("index", null), r.param("pk", null), r.param("skOp", null),
                r.param("sk", null), r.param("sk2", null), r.param("order", "asc").equals("desc"), r.intParam("limit", 25, 1, MAX_PAGE),
                r.param("start", null)));
        routes.post("/tables/{name}/put", r -> put(r.path(0), r.body()));
        routes.post("/tables/{name}/delete", r -> delete(r.path(0), r.body()));
    }

    public List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            var page = dynamoDb.listTables(b -> b.exclusiveStartTableName(from).limit(100));
            page.tableNames().forEach(name -> tables.add(table(name)));
            start = page.lastEvaluatedTableName();
        } while (start != null);
        return tables;
    }

    public Table table(String name) {
        TableDescription d = describe(name);
        List<Index> indexes = d.hasGlobalSecondaryIndexes()
                ? d.globalSecondaryIndexes().stream().map(g -> new Index(g.indexName(), key(g.keySchema()))).toList() : List.of();
        return new Table(d.tableName(), d.itemCount() == null ? 0 : d.itemCount(), key(d.keySchema()), indexes, d.tableStatusAsString());
    }

    /** The table's item count as DynamoDB reports it (DescribeTable: no scan). */
    public long itemCount(String name) {
        Long count = describe(name).itemCount();
        return count == null ? 0 : count;
    }

    private TableDescription describe(String name) {
        try {
            return dynamoDb.describeTable(b -> b.tableName(name)).table();
        } catch (ResourceNotFoundException e) {
            throw ApiException.notFound("table " + name);
        }
    }

    private static Key key(List<KeySchemaElement> schema) {
        String pk = null;
        String sk = null;
        for (KeySchemaElement e : schema) {
            if (e.keyType() == KeyType.HASH) {
                pk = e.attributeName();
            } else {
                sk = e.attributeName();
            }
        }
        return new Key(pk, sk);
    }

    public Page scan(String table, int limit, String start) {
        try {
            ScanResponse page = dynamoDb.scan(b -> b.tableName(table).limit(limit).exclusiveStartKey(PageToken.key(start)));
            return page(page.items(), page.lastEvaluatedKey(), page.count(), page.scannedCount());
        } catch (ResourceNotFoundException e) {
            throw ApiException.notFound("table " + table);
        }
    }

    /**
     * @param skOp one of = &lt; &lt;= &gt; &gt;= between begins_with, or null for the partition only
     */
    public Page query(String table, String index, String partitionValue, String skOp, String sk, String sk2, boolean descending,
                      int limit, String start) {
        if (partitionValue == null) {
            throw new ApiException(400, "a query needs the partition key's value (pk)");
        }
        Table description = table(table);
        Key key = index == null ? description.key() : description.indexes().stream().filter(i -> i.name().equals(index))
                .findFirst().orElseThrow(() -> ApiException.notFound("index " + index + " of " + table)).key();
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        names.put("#pk", key.partitionKey());
        values.put(":pk", AttributeValue.fromS(partitionValue));
        StringBuilder condition = new StringBuilder("#pk = :pk");
        if (skOp != null) {
            if (key.sortKey() == null) {
                throw new ApiException(400, (index == null ? table : index) + " has no sort key");
            }
            if (sk == null) {
                throw new ApiException(400, "the sort-key condition needs a value (sk)");
            }
            names.put("#sk", key.sortKey());
            values.put(":sk", AttributeValue.fromS(sk));
            switch (skOp) {
                case "=", "<", "<=", ">", ">=" -> condition.append(" AND #sk ").append(skOp).append(" :sk");
                case "begins_with" -> condition.append(" AND begins_with(#sk, :sk)");
                case "between" -> {
                    if (sk2 == null) {
                        throw new ApiException(400, "between needs a second value (sk2)");
                    }
                    values.put(":sk2", AttributeValue.fromS(sk2));
                    condition.append(" AND #sk BETWEEN :sk AND :sk2");
                }
                default -> throw new ApiException(400, "unknown sort-key condition '" + skOp + "'");
            }
        }
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index).keyConditionExpression(condition.toString())
                .expressionAttributeNames(names).expressionAttributeValues(values).scanIndexForward(!descending).limit(limit)
                .exclusiveStartKey(PageToken.key(start));
        try {
            QueryResponse page = dynamoDb.query(request.build());
            return page(page.items(), page.lastEvaluatedKey(), page.count(), page.scannedCount());
        } catch (DynamoDbException e) {
            throw new ApiException(400, e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage());
        }
    }

    private static Page page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> last, int count, int scanned) {
        return new Page(items.stream().map(i -> (JsonNode) ItemJson.plain(i)).toList(), items.stream().map(i -> (JsonNode) ItemJson.typed(i)).toList(),
                PageToken.of(last), count, scanned);
    }

    /** Puts one item: {@code {"item": {...}, "format": "plain" | "dynamodb"}}. */
    public Map<String, Object> put(String table, JsonNode body) {
        boolean typed = "dynamodb".equals(body.path("format").asText("plain"));
        Map<String, AttributeValue> item = typed ? ItemJson.fromTyped(body.get("item")) : ItemJson.fromPlain(body.get("item"));
        Key key = table(table).key();
        for (String k : new String[] {key.partitionKey(), key.sortKey()}) {
            if (k != null && !item.containsKey(k)) {
                throw new ApiException(400, "the item needs its key attribute '" + k + "'");
            }
        }
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item));
        } catch (DynamoDbException e) {
            throw new ApiException(400, e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage());
        }
        return Map.of("put", true, "item", ItemJson.plain(item));
    }

    /** Deletes one item by its key in DynamoDB JSON: {@code {"key": {"Username": {"S": "x"}, ...}}}. */
    public Map<String, Object> delete(String table, JsonNode body) {
        Map<String, AttributeValue> key = ItemJson.fromTyped(body.get("key"));
        try {
            var response = dynamoDb.deleteItem(b -> b.tableName(table).key(key).returnValues("ALL_OLD"));
            return Map.of("deleted", response.hasAttributes() && !response.attributes().isEmpty());
        } catch (DynamoDbException e) {
            throw new ApiException(400, e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage());
        }
    }
}
