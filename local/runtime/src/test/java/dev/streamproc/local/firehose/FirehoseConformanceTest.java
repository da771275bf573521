package dev.streamproc.local.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamproc.local.stream.KinesisStreamSource;
import dev.streamproc.local.esm.StreamTestServers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Firehose delivery against AWS's recorded behaviour: each case encodes a scenario of LocalStack's
 * {@code tests/aws/services/firehose/test_firehose.py} validated against AWS ({@code test_firehose.validation.json},
 * {@code test_firehose.snapshot.json}), named in its comment. Real kinesis-mock and s3proxy, no processor.
 */
@Timeout(90)
class FirehoseConformanceTest {

    private final StreamTestServers servers = StreamTestServers.get();
    private final List<String> streams = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A fresh stream, deleted after the test. */
    private String fresh(String base, int shards) {
        String arn = servers.freshStream(base, shards);
        streams.add(arn);
        return arn;
    }
    private final List<FirehoseDelivery> started = new ArrayList<>();

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        started.forEach(FirehoseDelivery::close);
        streams.forEach(servers::deleteStream);
    }

    private static FirehoseSettings.Builder settings(String stream, String bucket, boolean gzip) {
        return FirehoseSettings.builder(StreamTestServers.unique("conformance"), "us-east-1", "000000000000", stream, bucket)
                .gzip(gzip).idlePollInterval(Duration.ofMillis(100)).retryDelay(Duration.ofMillis(20));
    }

    /** Runs a delivery until it took {@code records} in, then closes it (which writes its buffer out). */
    private void deliver(FirehoseSettings.Builder builder, long records) {
        FirehoseSettings settings = builder.build();
        FirehoseDelivery delivery = new FirehoseDelivery(settings, new KinesisStreamSource(servers.kinesis, settings.sourceStreamArn()),
                null, servers.s3, dataDir.resolve(settings.name()));
        started.add(delivery.start());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (delivery.metrics().recordsIn() < records) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + records + " records");
            }
            StreamTestServers.sleep(20);
        }
        delivery.close();
    }

    private List<S3Object> objects(String bucket) {
        return servers.s3.listObjectsV2(r -> r.bucket(bucket)).contents();
    }

    private String read(String bucket, String key, boolean gzip) {
        byte[] bytes = servers.s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
        if (gzip) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // test_kinesis_firehose_s3_as_destination_with_file_extension: FileExtension ".txt" → the object key ends in ".txt".
    @Test
    void theFileExtensionEndsEveryObjectKey() {
        String stream = fresh("fh-conf-ext", 1);
        String bucket = servers.freshBucket("fh-conf-ext");
        servers.put(stream, List.<String[]>of(new String[] {"k", "Test-message-2948294kdlsie"}));

        deliver(settings(stream, bucket, false).fileExtension(".txt"), 1);

        assertThat(objects(bucket)).singleElement().satisfies(o -> {
            assertThat(o.key()).endsWith(".txt").doesNotEndWith(".gz.txt");
            assertThat(read(bucket, o.key(), false)).isEqualTo("Test-message-2948294kdlsie");
        });
    }

    // Same scenario with GZIP: the configured extension overrides the default ".gz" (CloudFormation reference,
    // ExtendedS3DestinationConfiguration.FileExtension: "It will override the default file extension"); content is gzip.
    @Test
    void theFileExtensionOverridesTheGzipDefault() {
        String stream = fresh("fh-conf-ext-gz", 1);
        String bucket = servers.freshBucket("fh-conf-ext-gz");
        servers.put(stream, List.<String[]>of(new String[] {"k", "{\"id\":1}\n"}));

        deliver(settings(stream, bucket, true).fileExtension(".json.gz"), 1);

        assertThat(objects(bucket)).singleElement().satisfies(o -> {
            assertThat(o.key()).matches(".*-[0-9a-f-]{36}\\.json\\.gz");
            assertThat(read(bucket, o.key(), true)).isEqualTo("{\"id\":1}\n");
        });
    }

    // Without FileExtension nothing changes: ".gz" for GZIP (the default AWS documents).
    @Test
    void withoutAFileExtensionGzipObjectsEndInGz() {
        FirehoseSettings.Builder settings = settings("arn:aws:kinesis:us-east-1:000000000000:stream/s", "b", true);

        assertThat(settings.build().objectExtension()).isEqualTo(".gz");
        assertThat(settings.fileExtension("").build().objectExtension()).isEmpty();
    }

    // test_kinesis_firehose_kinesis_as_source_multiple_delivery_streams: two delivery streams reading one Kinesis
    // stream each deliver the same message to their own bucket.
    @Test
    void twoDeliveryStreamsOnOneKinesisStreamEachDeliverEverything() {
        String stream = fresh("fh-conf-multi", 1);
        String bucketA = servers.freshBucket("fh-conf-a");
        String bucketB = servers.freshBucket("fh-conf-b");
        servers.put(stream, List.<String[]>of(new String[] {"k", "Test-message-2948294kdlsie"}));

        deliver(settings(stream, bucketA, false), 1);
        deliver(settings(stream, bucketB, false), 1);

        for (String bucket : List.of(bucketA, bucketB)) {
            assertThat(objects(bucket)).singleElement()
                    .satisfies(o -> assertThat(read(bucket, o.key(), false)).isEqualTo("Test-message-2948294kdlsie"));
        }
    }

    // CloudFormation's FileExtension pattern: a value it would reject stops the stack at start-up, naming the stream.
    @Test
    void aFileExtensionAwsWouldRejectIsRefusedAtStartUp() {
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("BucketARN", "arn:aws:s3:::archive");
        s3.put("FileExtension", "txt");
        Map<String, Object> properties = Map.of(
                "KinesisStreamSourceConfiguration", Map.of("KinesisStreamARN", "arn:aws:kinesis:us-east-1:000000000000:stream/s"),
                "ExtendedS3DestinationConfiguration", s3);

        assertThatThrownBy(() -> FirehoseSettings.fromResource("archive-stream", "us-east-1", "000000000000", properties))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("archive-stream")
                .hasMessageContaining("FileExtension");
        s3.put("FileExtension", ".txt");
        assertThat(FirehoseSettings.fromResource("archive-stream", "us-east-1", "000000000000", properties).fileExtension())
                .isEqualTo(".txt");
    }
}
