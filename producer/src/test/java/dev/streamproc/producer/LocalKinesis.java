package dev.streamproc.producer;

import dev.streamproc.local.cloud.server.KinesisServer;
import dev.streamproc.model.kpl.KplAggregate;
import dev.streamproc.model.kpl.UserRecord;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** A real kinesis-local for tests, plus what tests need around it: fresh streams and a full read-back. */
public final class LocalKinesis implements AutoCloseable {

    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static final AtomicInteger STREAMS = new AtomicInteger();

    private final KinesisServer server;
    private final KinesisClient client;

    public LocalKinesis(Path workDir) {
        server = KinesisServer.start(workDir);
        client = KinesisClient.builder()
                .endpointOverride(URI.create(server.httpEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
                .build();
    }

    public KinesisClient client() {
        return client;
    }

    /** The environment a producer gets in local mode: the HTTPS endpoint (the KPL needs TLS). */
    public Map<String, String> producerEnvironment(Path kplTemp) {
        return Map.of("AWS_ENDPOINT_URL_KINESIS", server.httpsEndpoint(), "AWS_REGION", "us-east-1",
                "KPL_TEMP_DIRECTORY", kplTemp.toString());
    }

    /** A new ACTIVE stream with a unique name. */
    public String freshStream(String prefix, int shards) {
        String name = prefix + "-" + ProcessHandle.current().pid() + "-" + STREAMS.incrementAndGet();
        client.createStream(r -> r.streamName(name).shardCount(shards));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (client.describeStreamSummary(r -> r.streamName(name)).streamDescriptionSummary().streamStatus()
                != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream " + name + " did not become ACTIVE");
            }
            sleep(50);
        }
        return name;
    }

    /** Every Kinesis record in every shard, from the start. */
    public List<Record> readAll(String stream) {
        List<Record> out = new ArrayList<>();
        for (Shard shard : client.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = client.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String it = iterator;
                GetRecordsResponse page = client.getRecords(r -> r.shardIterator(it).limit(10_000));
                out.addAll(page.records());
                if (page.records().isEmpty() && (page.millisBehindLatest() == null || page.millisBehindLatest() == 0)) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        }
        return out;
    }

    /** Every user record in the stream, de-aggregated as the consumers do. */
    public List<UserRecord> readUserRecords(String stream) {
        List<UserRecord> out = new ArrayList<>();
        for (Record r : readAll(stream)) {
            out.addAll(KplAggregate.decode(r.data().asByteArray(), r.partitionKey()));
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
