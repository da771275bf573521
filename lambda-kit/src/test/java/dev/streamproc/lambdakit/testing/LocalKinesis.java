package dev.streamproc.lambdakit.testing;

import static org.awaitility.Awaitility.await;

import dev.streamproc.local.cloud.server.KinesisServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The project's real local Kinesis server (kinesis-mock) and an SDK client for it, plus the
 * environment a CLI needs to reach it the way {@code eval "$(./streamproc env)"} points one.
 */
public final class LocalKinesis implements AutoCloseable {

    private final KinesisServer server;
    private final KinesisClient client;

    private LocalKinesis(KinesisServer server) {
        this.server = server;
        this.client = KinesisClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(server.httpEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    public static LocalKinesis start(Path workDir) {
        // Not RepoRoot.find(): from an example's folder it stops there (template.yaml + pom.xml).
        return new LocalKinesis(KinesisServer.start(new KinesisServer.Config(projectRoot(), workDir, 0, 0, false)));
    }

    /** The checkout's root: the first folder upwards holding the local Kinesis server's package. */
    static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("local/cloud/node"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no local/cloud/node above " + Path.of("").toAbsolutePath());
    }

    /** What a shell has after {@code eval "$(./streamproc env)"}, for Kinesis. */
    public Map<String, String> cliEnvironment() {
        return Map.of("AWS_ENDPOINT_URL_KINESIS", server.httpEndpoint(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local");
    }

    public void createStream(String name) {
        client.createStream(c -> c.streamName(name).shardCount(1));
        await().atMost(Duration.ofSeconds(20)).until(() ->
                client.describeStreamSummary(d -> d.streamName(name)).streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
    }

    /** The first {@code count} records of the stream's only shard, from its start. */
    public List<Record> read(String stream, int count) {
        String shardId = client.listShards(l -> l.streamName(stream)).shards().get(0).shardId();
        String[] iterator = {client.getShardIterator(g -> g.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()};
        List<Record> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var page = client.getRecords(g -> g.shardIterator(iterator[0]));
            records.addAll(page.records());
            iterator[0] = page.nextShardIterator();
            return records.size() >= count;
        });
        return records;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
