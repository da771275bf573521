package dev.streamproc.local.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.consumer.BatchDecoder;
import dev.streamproc.consumer.DecodedBatch;
import dev.streamproc.consumer.FailurePolicy;
import dev.streamproc.local.stream.KplUserRecords;
import dev.streamproc.local.stream.StreamRecord;
import dev.streamproc.model.kpl.KplAggregateEncoder;
import dev.streamproc.model.kpl.UserRecord;
import dev.streamproc.transformer.FirehoseTransformation;
import dev.streamproc.transformer.Result;
import dev.streamproc.transformer.SourceRecord;
import dev.streamproc.transformer.TransformedBatch;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edge cases of docs/contracts.md ("One rule, both paths"), each through both paths as they run: the archive
 * path (Firehose's de-aggregation, then the transformer) and the EventData path (the consumer's decoder and policy).
 * A tweet stored on one path is stored on the other; a record rejected on one is failed on the other.
 */
class BothPathsAgreeTest {

    @Test
    void aNestedAggregatesTweetsAreKeptOnBothPaths() {
        byte[] inner = KplAggregateEncoder.encode(List.of(user(tweet("11", "ann", "#a")), user(tweet("12", "bob", null))));
        byte[] outer = KplAggregateEncoder.encode(List.of(user(inner), user(tweet("13", "cid", "#a"))));

        Paths paths = run(outer);

        assertThat(paths.archiveRows).isEqualTo(3);
        assertThat(paths.consumer.plan().items()).hasSize(3);
        assertThat(paths.archiveFailed).isZero();
        assertThat(paths.consumer.rejected()).isZero();
    }

    @Test
    void anAggregateNestedThreeDeepIsRejectedOnBothPaths() {
        byte[] deepest = KplAggregateEncoder.encode(List.of(user(tweet("21", "ann", null))));
        byte[] middle = KplAggregateEncoder.encode(List.of(user(deepest)));
        byte[] outer = KplAggregateEncoder.encode(List.of(user(middle), user(tweet("22", "bob", null))));

        Paths paths = run(outer);

        assertThat(paths.archiveRows).isEqualTo(1);
        assertThat(paths.consumer.plan().items()).hasSize(1);
        assertThat(paths.archiveFailed).isEqualTo(1);
        assertThat(paths.consumer.rejected()).isEqualTo(1);
    }

    @Test
    void anAggregateWithNoUserRecordsIsRejectedOnBothPaths() {
        byte[] empty = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2,
                // an empty protobuf message and its MD5 (the MD5 of no bytes)
                (byte) 0xD4, 0x1D, (byte) 0x8C, (byte) 0xD9, (byte) 0x8F, 0x00, (byte) 0xB2, 0x04,
                (byte) 0xE9, (byte) 0x80, 0x09, (byte) 0x98, (byte) 0xEC, (byte) 0xF8, 0x42, 0x7E};

        Paths paths = run(empty);

        assertThat(paths.archiveRows).isZero();
        assertThat(paths.archiveFailed).as("kept under the error prefix").isEqualTo(1);
        assertThat(paths.consumer.rejected()).isEqualTo(1);
        assertThat(paths.consumer.rejections().get(0).reason()).contains("holds no records");
    }

    @Test
    void anEmptyIdStrOrScreenNameMakesNoTweetOnEitherPath() {
        for (byte[] record : List.of(tweet("", "ann", null), tweet("31", "", null))) {
            Paths paths = run(record);

            assertThat(paths.archiveRows).isZero();
            assertThat(paths.archiveFailed).isEqualTo(1);
            assertThat(paths.consumer.plan().items()).isEmpty();
            assertThat(paths.consumer.rejected()).isEqualTo(1);
        }
    }

    @Test
    void anEmptyTopicIsNoTopicOnBothPaths() {
        Paths paths = run(tweet("41", "ann", ""));

        assertThat(paths.archiveRows).isEqualTo(1);
        assertThat(paths.archiveText).contains("\"topic\":null");
        assertThat(paths.consumer.plan().items().values()).singleElement()
                .satisfies(item -> assertThat(item).doesNotContainKey("Topic"));
    }

    private record Paths(long archiveRows, long archiveFailed, String archiveText, DecodedBatch consumer) {
    }

    private static Paths run(byte[] data) {
        StreamRecord record = new StreamRecord("shardId-000000000000", "4959", "pk", data, Instant.EPOCH);
        List<SourceRecord> delivered = new ArrayList<>();
        for (UserRecord user : KplUserRecords.of(record)) {
            delivered.add(new SourceRecord("r" + delivered.size(), user.data(), user.partitionKey()));
        }
        TransformedBatch archive = new FirehoseTransformation().transform(delivered);
        StringBuilder text = new StringBuilder();
        archive.records().forEach(r -> {
            if (r.result() == Result.Ok) {
                text.append(new String(r.data(), StandardCharsets.UTF_8));
            }
        });
        DecodedBatch consumer = new BatchDecoder(new FailurePolicy()).decode(List.of(
                new dev.streamproc.lambdakit.KinesisRecord(record.shardId(), record.sequenceNumber(), "pk", data)));
        return new Paths(archive.rows(), archive.count(Result.ProcessingFailed), text.toString(), consumer);
    }

    private static UserRecord user(byte[] data) {
        return new UserRecord("pk", null, 0, data, true);
    }

    private static byte[] tweet(String idStr, String screenName, String topic) {
        return ("{\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\",\"id_str\":\"" + idStr + "\",\"text\":\"hi\","
                + "\"user\":{\"id_str\":\"7\",\"screen_name\":\"" + screenName + "\",\"name\":\"N\"},\"lang\":\"en\""
                + (topic == null ? "" : ",\"topic\":\"" + topic + "\"") + "}").getBytes(StandardCharsets.UTF_8);
    }
}
