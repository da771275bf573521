package dev.streamproc.local.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import dev.streamproc.local.esm.StreamTestServers;
import dev.streamproc.local.lambda.FunctionSpec;
import dev.streamproc.local.lambda.LocalLambda;
import dev.streamproc.local.lambda.RuntimeOptions;
import dev.streamproc.local.stream.KinesisStreamSource;
import dev.streamproc.model.kpl.KplAggregateEncoder;
import dev.streamproc.model.kpl.UserRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery stream of template.yaml with the real transformer: its deployment jar in a child JVM under the
 * Runtime Interface Client (the local Lambda runtime), fed KPL-aggregated tweets from kinesis-mock, writing to s3proxy.
 */
class FirehoseWithRealTransformerTest {

    private final StreamTestServers servers = StreamTestServers.get();

    @TempDir
    Path dataDir;

    private static String tweet(long id, String user, String text) {
        return "{\"id\":" + id + ",\"id_str\":\"" + id + "\",\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\",\"text\":\"" + text
                + "\",\"lang\":\"en\",\"user\":{\"screen_name\":\"" + user + "\",\"name\":\"" + user + "\",\"followers_count\":3},"
                + "\"entities\":{\"hashtags\":[{\"text\":\"Local\"}]},\"retweet_count\":0,\"favorite_count\":1,\"topic\":\"demo\"}";
    }

    private static UserRecord user(String key, String data) {
        return new UserRecord(key, null, 0, data.getBytes(StandardCharsets.UTF_8), true);
    }

    @Test
    void archivesTweetsAsAthenaRowsDropsNoticesAndWritesMalformedRecordsToTheErrorPrefix() throws IOException {
        Template template = Template.load(RepoRoot.find().resolve("template.yaml"));
        FunctionSpec transformer = FunctionSpec.of(template.function("FirehoseTransformerFunction"));
        String stream = servers.freshStream("fh-real", 1);
        String bucket = servers.freshBucket("fh-real");
        servers.putBytes(stream, "1", KplAggregateEncoder.encode(List.of(user("1", tweet(1, "alice", "hello 世界")),
                user("2", tweet(2, "bob", "second")), user("3", "{\"delete\":{\"status\":{\"id\":9,\"id_str\":\"9\"}}}"))));
        servers.putBytes(stream, "4", "{not json".getBytes(StandardCharsets.UTF_8));
        servers.putBytes(stream, "5", tweet(5, "carol", "plain record").getBytes(StandardCharsets.UTF_8));

        FirehoseSettings fromTemplate = FirehoseSettings.fromResource("streamproc-DeliveryStream", template.region(),
                template.accountId(), template.resource("DeliveryStream").properties());
        FirehoseSettings settings = fromTemplate.toBuilder().sourceStreamArn(stream).bucket(bucket)
                .s3BufferInterval(Duration.ofSeconds(300)).processorBufferInterval(Duration.ofSeconds(300))
                .idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(50))
                .build();

        FirehoseDelivery delivery;
        try (LocalLambda lambda = new LocalLambda(List.of(transformer),
                RuntimeOptions.forDataDirectory(dataDir, Map.of("AWS_REGION", "us-east-1"), null, false))) {
            delivery = new FirehoseDelivery(settings, new KinesisStreamSource(servers.kinesis, stream), lambda, servers.s3, dataDir).start();
            FirehoseDelivery started = delivery;
            await().atMost(Duration.ofSeconds(60)).until(() -> started.metrics().recordsIn() >= 5);
            delivery.close();
        }

        var m = delivery.metrics();
        assertThat(m.recordsIn()).isEqualTo(5);
        assertThat(m.okRecords()).isEqualTo(3);
        assertThat(m.droppedRecords()).isEqualTo(1);
        assertThat(m.processingFailed()).isEqualTo(1);
        List<JsonNode> rows = new ArrayList<>();
        for (String line : lines(bucket, "tweets/")) {
            rows.add(TransformerFunction.JSON.readTree(line));
        }
        assertThat(rows).extracting(r -> r.get("id").asText()).containsExactly("1", "2", "5");
        assertThat(rows.get(0).get("text").asText()).isEqualTo("hello 世界");
        assertThat(rows.get(0).get("username").asText()).isEqualTo("alice");
        assertThat(rows.get(0).get("topic").asText()).isEqualTo("demo");
        List<String> errors = lines(bucket, "errors/processing-failed/");
        assertThat(errors).hasSize(1);
        JsonNode error = TransformerFunction.JSON.readTree(errors.get(0));
        assertThat(error.get("errorCode").asText()).isEqualTo("Lambda.ProcessingFailedStatus");
        assertThat(new String(Base64.getDecoder().decode(error.get("rawData").asText()), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(error.get("lambdaArn").asText()).isEqualTo(fromTemplate.lambdaArn());
    }

    private List<String> lines(String bucket, String prefix) {
        List<String> lines = new ArrayList<>();
        for (var o : servers.s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix)).contents()) {
            byte[] bytes = servers.s3.getObjectAsBytes(r -> r.bucket(bucket).key(o.key())).asByteArray();
            if (o.key().endsWith(".gz")) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            lines.addAll(new String(bytes, StandardCharsets.UTF_8).lines().toList());
        }
        return lines;
    }
}
