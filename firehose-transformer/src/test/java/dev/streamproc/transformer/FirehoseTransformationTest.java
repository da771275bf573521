package dev.streamproc.transformer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.model.AthenaRow;
import dev.streamproc.model.Fixtures;
import dev.streamproc.model.kpl.KplAggregateEncoder;
import dev.streamproc.model.kpl.UserRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirehoseTransformationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FirehoseTransformation transformation = new FirehoseTransformation();

    @Test
    void aTweetBecomesOneAthenaRowLine() throws Exception {
        TransformedRecord out = only(record("r1", "v1-plain.json"));

        assertThat(out.recordId()).isEqualTo("r1");
        assertThat(out.result()).isEqualTo(Result.Ok);
        assertThat(out.rows()).isEqualTo(1);
        assertThat(out.data()).isEqualTo(AthenaRow.toJsonLine(Fixtures.tweet("v1-plain.json")));
        assertThat(lines(out.data())).singleElement()
                .satisfies(line -> assertThat(JSON.readTree(line).get("username").asText()).isEqualTo("streamfan"));
    }

    @Test
    void v2TweetsBecomeRowsToo() throws Exception {
        JsonNode bare = JSON.readTree(only(record("a", "v2-bare.json")).data());
        JsonNode expanded = JSON.readTree(only(record("b", "v2-expanded.json")).data());

        assertThat(bare.get("username").asText()).isEqualTo("9000");
        assertThat(bare.get("created_at").asText()).isEqualTo("2022-11-16 10:20:30.000");
        assertThat(expanded.get("username").asText()).isEqualTo("v2reader");
        assertThat(expanded.get("is_retweet").asBoolean()).isTrue();
        assertThat(expanded.get("topic").asText()).isEqualTo("Firehose");
    }

    @Test
    void japaneseAndEmojiTextIsWrittenByteForByteAsUtf8() {
        for (String fixture : List.of("v1-japanese.json", "v1-emoji.json", "v1-chinese-escaped.json", "v2-expanded-author.json")) {
            TransformedRecord out = only(record("r", fixture));
            String text = Fixtures.tweet(fixture).text();
            byte[] expected = ("\"text\":\"" + text + "\"").getBytes(StandardCharsets.UTF_8);

            assertThat(contains(out.data(), expected)).as(fixture + " carries its text as raw UTF-8").isTrue();
            assertThat(new String(out.data(), StandardCharsets.UTF_8)).as(fixture).doesNotContain("\\u");
        }
    }

    @Test
    void streamNoticesAreDropped() {
        TransformedRecord delete = only(record("d", "notice-delete.json"));
        TransformedRecord limit = only(record("l", "notice-limit.json"));

        assertThat(delete.result()).isEqualTo(Result.Dropped);
        assertThat(delete.data()).isEmpty();
        assertThat(delete.notices()).isEqualTo(1);
        assertThat(limit.result()).isEqualTo(Result.Dropped);
    }

    @Test
    void malformedJsonFailsWithItsReasonAndKeepsTheOriginalBytes() {
        byte[] original = Fixtures.bytes("malformed.json");
        TransformedRecord out = only(new SourceRecord("m", original, "k"));

        assertThat(out.result()).isEqualTo(Result.ProcessingFailed);
        assertThat(out.failureReason()).isEqualTo("malformed JSON at offset 60");
        assertThat(out.data()).isEqualTo(original);
    }

    @Test
    void invalidUtf8AndEmptyRecordsFail() {
        byte[] latin1 = "{\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(only(new SourceRecord("u", latin1, "k")).failureReason()).isEqualTo("invalid UTF-8 at byte 12");
        assertThat(only(new SourceRecord("e", new byte[0], "k")).failureReason()).isEqualTo("empty record");
    }

    @Test
    void anEmptyBatchAnswersNothing() {
        TransformedBatch batch = transformation.transform(List.of());

        assertThat(batch.records()).isEmpty();
        assertThat(batch.estimatedResponseBytes()).isEqualTo("{\"records\":[]}".length());
    }

    @Test
    void everyRecordIdIsAnsweredOnceInOrderInABatchOf30() {
        List<String> fixtures = List.of("v1-plain.json", "v1-retweet.json", "notice-delete.json", "v2-bare.json",
                "malformed.json", "v1-japanese.json");
        List<SourceRecord> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(record("record-" + i, fixtures.get(i % fixtures.size())));
        }

        TransformedBatch out = transformation.transform(batch);

        assertThat(out.records()).extracting(TransformedRecord::recordId)
                .containsExactlyElementsOf(batch.stream().map(SourceRecord::recordId).toList());
        assertThat(out.count(Result.Ok)).isEqualTo(20);
        assertThat(out.count(Result.Dropped)).isEqualTo(5);
        assertThat(out.count(Result.ProcessingFailed)).isEqualTo(5);
        assertThat(out.rows()).isEqualTo(20);
    }

    @Test
    void anAggregateOf500TweetsBecomesOneOkRecordOf500Lines() throws Exception {
        List<UserRecord> users = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            users.add(new UserRecord("pk-" + i, null, 0, tweetWithId(i), false));
        }
        byte[] aggregate = KplAggregateEncoder.encode(users);

        TransformedRecord out = only(new SourceRecord("agg", aggregate, "outer"));

        assertThat(out.result()).isEqualTo(Result.Ok);
        assertThat(out.rows()).isEqualTo(500);
        List<String> lines = lines(out.data());
        assertThat(lines).hasSize(500);
        for (int i = 0; i < 500; i++) {
            assertThat(JSON.readTree(lines.get(i)).get("id").asText()).isEqualTo(String.valueOf(1_000_000 + i));
        }
    }

    @Test
    void anAggregateWrittenByTheRealKplBecomesTheRowsOfItsTweets() throws Exception {
        byte[] aggregate = getClass().getResourceAsStream("/kpl/real-kpl-aggregate.bin").readAllBytes();

        TransformedRecord out = only(new SourceRecord("real", aggregate, "a"));

        assertThat(out.result()).isEqualTo(Result.Ok);
        assertThat(out.rows()).isEqualTo(12);
        assertThat(out.notices()).isEqualTo(2);
        List<String> lines = lines(out.data());
        assertThat(JSON.readTree(lines.get(0)).get("id").asText()).isEqualTo("505874924095815681");
        assertThat(lines.get(5)).isEqualTo(new String(AthenaRow.toJsonLine(Fixtures.tweet("v1-japanese.json")),
                StandardCharsets.UTF_8).strip());
    }

    @Test
    void anAggregateOfTweetsAndNoticesKeepsTheTweets() {
        byte[] aggregate = KplAggregateEncoder.encode(List.of(
                user("a", Fixtures.bytes("v1-plain.json")),
                user("b", Fixtures.bytes("notice-delete.json")),
                user("c", Fixtures.bytes("v2-bare.json"))));

        TransformedRecord out = only(new SourceRecord("mixed", aggregate, "outer"));

        assertThat(out.result()).isEqualTo(Result.Ok);
        assertThat(out.rows()).isEqualTo(2);
        assertThat(out.notices()).isEqualTo(1);
        assertThat(lines(out.data())).hasSize(2);
    }

    @Test
    void anAggregateOfOnlyNoticesIsDropped() {
        byte[] aggregate = KplAggregateEncoder.encode(List.of(
                user("a", Fixtures.bytes("notice-delete.json")), user("b", Fixtures.bytes("notice-limit.json"))));

        TransformedRecord out = only(new SourceRecord("notices", aggregate, "outer"));

        assertThat(out.result()).isEqualTo(Result.Dropped);
        assertThat(out.notices()).isEqualTo(2);
    }

    @Test
    void anAggregateWithOneBadUserRecordFailsWhole() {
        byte[] aggregate = KplAggregateEncoder.encode(List.of(
                user("a", Fixtures.bytes("v1-plain.json")), user("b", Fixtures.bytes("malformed.json"))));

        TransformedRecord out = only(new SourceRecord("bad", aggregate, "outer"));

        assertThat(out.result()).isEqualTo(Result.ProcessingFailed);
        assertThat(out.failureReason()).isEqualTo("user record 1 of 2: malformed JSON at offset 60");
        assertThat(out.data()).as("the whole original aggregate is kept").isEqualTo(aggregate);
    }

    @Test
    void aCorruptAggregateFails() {
        byte[] aggregate = KplAggregateEncoder.encode(List.of(user("a", Fixtures.bytes("v1-plain.json"))));
        aggregate[10] ^= 0x7F;

        TransformedRecord out = only(new SourceRecord("corrupt", aggregate, "outer"));

        assertThat(out.result()).isEqualTo(Result.ProcessingFailed);
        assertThat(out.failureReason()).contains("MD5");
    }

    @Test
    void recordsThatDoNotFitTheResponseLimitFailWithoutData() {
        byte[] tweet = Fixtures.bytes("v1-plain.json");
        int rowBytes = AthenaRow.toJsonLine(Fixtures.tweet("v1-plain.json")).length;
        List<SourceRecord> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(new SourceRecord("record-" + i, tweet, "k"));
        }
        long limit = 14 + 10 * ResponseSize.entry("record-0", Result.ProcessingFailed, 0)
                + 4 * (ResponseSize.entry("record-0", Result.Ok, rowBytes) - ResponseSize.entry("record-0", Result.ProcessingFailed, 0));

        TransformedBatch out = new FirehoseTransformation(limit).transform(batch);

        assertThat(out.records()).extracting(TransformedRecord::result).containsExactly(
                Result.Ok, Result.Ok, Result.Ok, Result.Ok, Result.ProcessingFailed, Result.ProcessingFailed,
                Result.ProcessingFailed, Result.ProcessingFailed, Result.ProcessingFailed, Result.ProcessingFailed);
        assertThat(out.records().get(5).data()).isEmpty();
        assertThat(out.records().get(5).failureReason()).startsWith("response size limit");
        assertThat(out.estimatedResponseBytes()).isLessThanOrEqualTo(limit);
        assertThat(out.rows()).isEqualTo(4);
    }

    @Test
    void aFullSixMegabyteRequestStaysUnderTheLambdaResponseLimit() {
        // Worst case for the response: rows larger than their tweets (tiny statuses with many hashtags) filling
        // a 6 MB request, so the transformed batch would be bigger than the limit.
        byte[] tiny = ("{\"id_str\":\"1\",\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\",\"text\":\"x\",\"topic\":\"t\","
                + "\"user\":{\"screen_name\":\"a\",\"name\":\"" + "n".repeat(200) + "\"}}").getBytes(StandardCharsets.UTF_8);
        List<SourceRecord> batch = new ArrayList<>();
        long requestBytes = 0;
        for (int i = 0; requestBytes < 4_400_000; i++) { // base64 makes this ~6 MB of request JSON
            SourceRecord record = new SourceRecord("49546986683135544286507457936321625675700192471156785154" + i, tiny, "k");
            batch.add(record);
            requestBytes += tiny.length;
        }

        TransformedBatch out = transformation.transform(batch);

        assertThat(out.records()).hasSize(batch.size());
        assertThat(out.estimatedResponseBytes()).isLessThanOrEqualTo(FirehoseTransformation.MAX_RESPONSE_BYTES);
        assertThat(LambdaRuntimeJson.write(FirehoseEventMapping.toResponse(out)))
                .as("the response as the Lambda runtime writes it").hasSize((int) out.estimatedResponseBytes());
        assertThat(out.count(Result.Ok)).isPositive();
        assertThat(out.count(Result.ProcessingFailed)).as("the overflow").isPositive();
        assertThat(out.count(Result.Ok) + out.count(Result.ProcessingFailed)).isEqualTo(batch.size());
        // once a record overflows, no later record of the same size fits either: Ok rows form a prefix
        int firstFailed = out.records().stream().map(TransformedRecord::result).toList().indexOf(Result.ProcessingFailed);
        assertThat(out.records().subList(firstFailed, batch.size())).allMatch(r -> r.result() == Result.ProcessingFailed);
    }

    private TransformedRecord only(SourceRecord record) {
        TransformedBatch batch = transformation.transform(List.of(record));
        assertThat(batch.records()).hasSize(1);
        return batch.records().get(0);
    }

    private static SourceRecord record(String id, String fixture) {
        return new SourceRecord(id, Fixtures.bytes(fixture), "pk");
    }

    private static UserRecord user(String key, byte[] data) {
        return new UserRecord(key, null, 0, data, false);
    }

    private static byte[] tweetWithId(int i) {
        return ("{\"id_str\":\"" + (1_000_000 + i) + "\",\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\","
                + "\"text\":\"tweet " + i + " #Kinesis\",\"lang\":\"en\",\"entities\":{\"hashtags\":[{\"text\":\"Kinesis\"}]},"
                + "\"user\":{\"id_str\":\"7\",\"screen_name\":\"user" + i + "\",\"name\":\"User\",\"followers_count\":3}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> lines(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
