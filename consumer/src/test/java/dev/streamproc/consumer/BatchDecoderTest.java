package dev.streamproc.consumer;

import static dev.streamproc.consumer.StreamRecords.aggregate;
import static dev.streamproc.consumer.StreamRecords.plain;
import static dev.streamproc.consumer.StreamRecords.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchDecoderTest {

    private final BatchDecoder decoder = new BatchDecoder(new FailurePolicy());

    @Test
    void mapsAV11StatusToAnEventDataItemWithItsLineage() {
        DecodedBatch batch = decoder.decode(List.of(plain(1, Fixtures.tweet("v1-status.json"))));

        Map<String, Object> item = onlyItem(batch);
        assertThat(item)
                .containsEntry("Username", "stream_fan")
                .containsEntry("Id", "505874924095815681")
                .containsEntry("Timestamp", "2014-08-31T00:29:15Z")
                .containsEntry("Message", "Streaming is fun #AWS #Lambda #aws")
                .containsEntry("Lang", "en")
                .containsEntry("Hashtags", List.of("aws", "lambda"))
                .containsEntry("RetweetCount", 5L)
                .containsEntry("FavoriteCount", 7L)
                .containsEntry("IsRetweet", false)
                .containsEntry("Topic", "#AWS")
                .containsEntry("ShardId", "shardId-000000000000")
                .containsEntry("SequenceNumber", sequenceNumber(1))
                .containsEntry("SubSequenceNumber", 0L);
    }

    @Test
    void aRetweetCarriesTheOriginalFullTextAndNoTopicAttributeWhenTheRecordHasNone() {
        Map<String, Object> item = onlyItem(decoder.decode(List.of(plain(1, Fixtures.tweet("v1-retweet-extended.json")))));

        assertThat(item.get("Message")).isEqualTo("RT @original: The start of a long text that got truncated "
                + "in classic mode but not in extended mode #serverless");
        assertThat(item).containsEntry("IsRetweet", true).doesNotContainKey("Topic");
    }

    @Test
    void keepsJapaneseEmojiAndEscapedUnicodeTextByteExact() {
        DecodedBatch batch = decoder.decode(List.of(
                plain(1, Fixtures.tweet("v1-japanese.json")),
                plain(2, Fixtures.tweet("v1-emoji-escaped.json")),
                plain(3, Fixtures.tweet("v2-expanded.json"))));

        List<Map<String, Object>> items = new ArrayList<>(batch.plan().items().values());
        assertThat(items).hasSize(3);
        assertUtf8(items.get(0).get("Message"), "あけましておめでとうございます！今年もよろしく #新年");
        assertThat(items.get(0)).containsEntry("Topic", "#新年").containsEntry("Hashtags", List.of("新年"));
        assertUtf8(items.get(1).get("Message"), "Café time 🚀☕ 中文 #coffee");
        assertUtf8(items.get(2).get("Message"), "日本語のv2ツイート #テスト 🍣");
        assertThat(items.get(2)).containsEntry("Username", "sushi_master").containsEntry("Id", "1593000000000000010");
    }

    @Test
    void aBareV2TweetWithoutItsAuthorIsKeyedByAuthorId() {
        Map<String, Object> item = onlyItem(decoder.decode(List.of(plain(1, Fixtures.tweet("v2-bare.json")))));

        assertThat(item).containsEntry("Username", "9300").containsEntry("Timestamp", "2022-11-16T13:00:00Z");
    }

    @Test
    void streamNoticesAreSkippedNotRejected() {
        DecodedBatch batch = decoder.decode(List.of(
                plain(1, Fixtures.tweet("notice-delete.json")),
                plain(2, Fixtures.tweet("notice-limit.json"))));

        assertThat(batch.skipped()).isEqualTo(2);
        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.plan().isEmpty()).isTrue();
    }

    @Test
    void malformedJsonIsRejectedWithItsPositionReasonAndFirstBytes() {
        DecodedBatch batch = decoder.decode(List.of(plain(7, Fixtures.tweet("malformed.json"))));

        assertThat(batch.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.shardId()).isEqualTo("shardId-000000000000");
            assertThat(rejection.sequenceNumber()).isEqualTo(sequenceNumber(7));
            assertThat(rejection.subSequenceNumber()).isZero();
            assertThat(rejection.reason()).contains("malformed JSON");
            assertThat(rejection.head()).isEqualTo("{\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\",\"id_str\":\"1\",\"tex...");
        });
    }

    @Test
    void invalidUtf8IsRejectedAndItsBytesAreLoggedAsHex() {
        byte[] latin1 = "{\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        DecodedBatch batch = decoder.decode(List.of(plain(1, latin1)));

        assertThat(batch.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).contains("invalid UTF-8");
            assertThat(rejection.head()).isEqualTo("{\"text\":\"caf\\xE9\"}");
        });
    }

    @Test
    void anItemOverDynamoDbsSizeLimitIsRejectedUpFront() {
        byte[] huge = TestTweets.status(1, "big", "x".repeat(420 * 1024), null);

        DecodedBatch batch = decoder.decode(List.of(plain(1, huge)));

        assertThat(batch.plan().isEmpty()).isTrue();
        assertThat(batch.rejections()).singleElement()
                .satisfies(rejection -> assertThat(rejection.reason()).startsWith("oversized"));
    }

    @Test
    void anEmptyBatchHasNothingToDo() {
        DecodedBatch batch = decoder.decode(List.of());

        assertThat(batch.records()).isZero();
        assertThat(batch.userRecords()).isZero();
        assertThat(batch.plan().isEmpty()).isTrue();
    }

    @Test
    void deAggregatesAKplRecordOf500UserRecordsKeepingTheirSubSequenceNumbers() {
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            payloads.add(TestTweets.status(1_000_000L + i));
        }

        DecodedBatch batch = decoder.decode(List.of(aggregate(3, payloads)));

        assertThat(batch.userRecords()).isEqualTo(500);
        assertThat(batch.plan().items()).hasSize(500);
        List<Object> subSequenceNumbers = batch.plan().items().values().stream()
                .map(item -> item.get("SubSequenceNumber")).toList();
        assertThat(subSequenceNumbers).first().isEqualTo(0L);
        assertThat(subSequenceNumbers).last().isEqualTo(499L);
        assertThat(batch.plan().items().values())
                .allSatisfy(item -> assertThat(item).containsEntry("SequenceNumber", sequenceNumber(3)));
    }

    @Test
    void everyUserRecordOfAMixedAggregateIsStoredSkippedOrRejected() {
        List<byte[]> payloads = List.of(
                TestTweets.status(1), Fixtures.tweet("notice-delete.json"), Fixtures.tweet("malformed.json"),
                TestTweets.status(2), new byte[] {(byte) 0xC3, 0x28});

        DecodedBatch batch = decoder.decode(List.of(aggregate(1, payloads)));

        assertThat(batch.userRecords()).isEqualTo(5);
        assertThat(batch.plan().items()).hasSize(2);
        assertThat(batch.skipped()).isEqualTo(1);
        assertThat(batch.rejections()).extracting(Rejection::subSequenceNumber).containsExactly(2L, 4L);
    }

    @Test
    void aCorruptAggregateIsRejectedAsOneRecord() {
        byte[] data = StreamRecords.aggregateBytes(List.of(TestTweets.status(1), TestTweets.status(2)));
        data[data.length - 1] ^= 0x01; // break the MD5 trailer

        DecodedBatch batch = decoder.decode(List.of(plain(1, data), plain(2, TestTweets.status(3))));

        assertThat(batch.userRecords()).isEqualTo(2);
        assertThat(batch.plan().items()).hasSize(1);
        assertThat(batch.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.sequenceNumber()).isEqualTo(sequenceNumber(1));
            assertThat(rejection.reason()).startsWith("corrupt KPL aggregate");
            assertThat(rejection.head()).startsWith("\\xF3\\x89\\x9A\\xC2");
        });
    }

    @Test
    void aTweetDeliveredTwiceInOneBatchBecomesOneItemOwnedByBothRecords() {
        byte[] tweet = TestTweets.status(77);

        DecodedBatch batch = decoder.decode(List.of(plain(1, tweet), plain(2, Arrays.copyOf(tweet, tweet.length))));

        assertThat(batch.plan().items()).hasSize(1);
        assertThat(batch.plan().collapsedDuplicates()).isEqualTo(1);
        assertThat(batch.plan().ownersOf(batch.plan().items().keySet()))
                .containsExactlyInAnyOrder(sequenceNumber(1), sequenceNumber(2));
        assertThat(onlyItem(batch)).as("last write wins").containsEntry("SequenceNumber", sequenceNumber(2));
    }

    private static Map<String, Object> onlyItem(DecodedBatch batch) {
        assertThat(batch.rejections()).isEmpty();
        assertThat(batch.plan().items()).hasSize(1);
        return batch.plan().items().values().iterator().next();
    }

    private static void assertUtf8(Object actual, String expected) {
        assertThat(actual).isEqualTo(expected);
        assertThat(((String) actual).getBytes(StandardCharsets.UTF_8)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }
}
