package dev.streamproc.bench.local;

import dev.streamproc.local.cloud.LocalCloud;
import dev.streamproc.local.cloud.LocalCloudConfig;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.console.Console;
import dev.streamproc.local.console.ConsoleServer;
import dev.streamproc.local.console.ConsoleSources;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How fast the console's pages answer with real volumes (not a test: run its main): EventData with 100,000 items
 * and an archive of 100,000 rows in 100 gzip objects, on the real local servers. Prints the median of 5 calls of each
 * API request a page makes. Arguments: [items] [rows].
 */
public final class ConsolePagesBench {

    static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Path dataDir = Files.createTempDirectory("console-bench");
        LocalCloudConfig config = LocalCloudConfig.builder().dataDir(dataDir).ports(LocalCloudConfig.Ports.FREE).build();
        try (LocalCloud cloud = LocalCloud.start(config)) {
            String table = cloud.template().physicalName("EventDataTable");
            String bucket = cloud.template().physicalName("ArchiveBucket");
            long begin = System.nanoTime();
            loadItems(cloud, table, items);
            System.out.printf(Locale.ROOT, "loaded %,d items in %.1f s%n", items, (System.nanoTime() - begin) / 1e9);
            begin = System.nanoTime();
            loadArchive(cloud, bucket, rows);
            System.out.printf(Locale.ROOT, "archived %,d rows in %.1f s%n", rows, (System.nanoTime() - begin) / 1e9);

            ConsoleSources sources = new ConsoleSources(cloud.template(), dataDir, cloud.s3Dir(), RepoRoot.find().resolve("athena"),
                    cloud.dynamoDbClient(), cloud.kinesisClient(), cloud.s3Client(), cloud.sqsClient(), null, List.of(), List.of());
            begin = System.nanoTime();
            try (Console console = Console.start(sources, 0)) {
                System.out.printf(Locale.ROOT, "console started in %.1f ms%n", (System.nanoTime() - begin) / 1e6);
                HttpClient http = HttpClient.newHttpClient();
                String base = console.url() + "api";
                Map<String, String> gets = new LinkedHashMap<>();
                gets.put("overview", "/overview");
                gets.put("tables", "/tables");
                gets.put("scan page 1 (25)", "/tables/" + table + "/scan?limit=25");
                gets.put("scan page 1 (200)", "/tables/" + table + "/scan?limit=200");
                gets.put("query by user", "/tables/" + table + "/query?pk=user42");
                gets.put("query ByTopic index", "/tables/" + table + "/query?index=ByTopic&pk=%23Java&skOp=%3E%3D&sk=2026-11-29T10:30");
                gets.put("archive root", "/archive/list?bucket=" + bucket);
                gets.put("archive hour (100 objects)", "/archive/list?bucket=" + bucket + "&prefix=tweets/2026/11/29/10/");
                gets.put("object page", "/archive/object?bucket=" + bucket + "&key=tweets/2026/11/29/10/part-0050.gz&from=900");
                gets.put("streams", "/streams");
                gets.put("failures", "/failures");
                gets.put("queries", "/queries");
                for (Map.Entry<String, String> get : gets.entrySet()) {
                    report(get.getKey(), () -> send(http, HttpRequest.newBuilder(URI.create(base + get.getValue())).GET().build()));
                }
                String scanToken = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(base + "/tables/" + table + "/scan?limit=25"))
                        .GET().build())).get("next").asText();
                report("scan next page", () -> send(http, HttpRequest.newBuilder(URI.create(base + "/tables/" + table + "/scan?limit=25&start=" + scanToken)).GET().build()));
                String sql = Files.readString(RepoRoot.find().resolve("athena/queries/top_hashtags.sql"));
                String body = JSON.writeValueAsString(Map.of("sql", sql, "pageSize", 100));
                List<String> ids = new ArrayList<>();
                report("named query top_hashtags over the archive", () -> {
                    String answer = send(http, HttpRequest.newBuilder(URI.create(base + "/queries/run")).header("Content-Type", "application/json")
                            .header(ConsoleServer.TOKEN_HEADER, console.token()).POST(HttpRequest.BodyPublishers.ofString(body)).build());
                    ids.add(JSON.readTree(answer).get("id").asText());
                    return answer;
                });
                report("query result page 2", () -> send(http, HttpRequest.newBuilder(URI.create(base + "/queries/" + ids.get(0) + "?page=1")).GET().build()));
            }
        }
    }

    interface Call {
        String run() throws Exception;
    }

    static void report(String name, Call call) throws Exception {
        List<Double> millis = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < 5; i++) {
            long begin = System.nanoTime();
            bytes = call.run().length();
            millis.add((System.nanoTime() - begin) / 1e6);
        }
        millis.sort(Double::compare);
        System.out.printf(Locale.ROOT, "%-45s median %7.1f ms  (max %7.1f ms, %,d chars)%n", name, millis.get(2), millis.get(4), bytes);
    }

    static String send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static void loadItems(LocalCloud cloud, String table, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int from = 0; from < count; from += 25) {
            int start = from;
            done.add(pool.submit(() -> {
                List<WriteRequest> batch = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + 25); i++) {
                    Map<String, AttributeValue> item = Map.of("Username", AttributeValue.fromS("user" + (i % 1000)),
                            "Id", AttributeValue.fromS(String.format("%012d", i)), "Topic", AttributeValue.fromS(i % 3 == 0 ? "#Java" : "#AWS"),
                            "Timestamp", AttributeValue.fromS(String.format("2026-11-29T10:%02d:%02d", (i / 60) % 60, i % 60)),
                            "Message", AttributeValue.fromS("tweet number " + i + " about #Java and #AWS " + "x".repeat(100)));
                    batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
                }
                Map<String, List<WriteRequest>> left = Map.of(table, batch);
                while (!left.isEmpty()) {
                    Map<String, List<WriteRequest>> request = left;
                    var unprocessed = cloud.dynamoDbClient().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                    left = unprocessed == null ? Map.of() : unprocessed;
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    static void loadArchive(LocalCloud cloud, String bucket, int rows) throws Exception {
        int objects = 100;
        int perObject = rows / objects;
        for (int o = 0; o < objects; o++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                for (int i = 0; i < perObject; i++) {
                    int n = o * perObject + i;
                    gzip.write(String.format(Locale.ROOT, "{\"id\":\"%d\",\"created_at\":\"2026-11-29 10:%02d:00.000\",\"username\":\"user%d\","
                                    + "\"text\":\"tweet %d #Java\",\"lang\":\"en\",\"hashtags\":[\"java\",\"aws\"],\"is_retweet\":false,"
                                    + "\"followers\":%d,\"retweet_count\":0,\"favorite_count\":1,\"topic\":\"#Java\"}%n",
                            n, n % 60, n % 1000, n, n % 5000).getBytes(StandardCharsets.UTF_8));
                }
            }
            String key = String.format("tweets/2026/11/29/10/part-%04d.gz", o);
            cloud.s3Client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes.toByteArray()));
        }
    }
}
