package dev.streamproc.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static dev.streamproc.model.Fixtures.tweet;
import static org.assertj.core.api.Assertions.assertThat;

class AthenaRowTest {

    @Test
    void columnsAreTheDdlOfTheContract() {
        assertThat(AthenaRow.COLUMNS).extracting(c -> c.name() + " " + c.athenaType()).containsExactly(
                "id string", "created_at timestamp", "username string", "user_name string", "followers bigint",
                "text string", "lang string", "hashtags array<string>", "is_retweet boolean", "retweet_count bigint",
                "favorite_count bigint", "topic string");
    }

    @Test
    void writesOneCompactJsonLineWithKeysInColumnOrder() {
        String line = new String(AthenaRow.toJsonLine(tweet("v1-plain.json")), StandardCharsets.UTF_8);

        assertThat(line).isEqualTo("{\"id\":\"505874924095815681\",\"created_at\":\"2014-08-31 00:29:15.000\","
                + "\"username\":\"streamfan\",\"user_name\":\"Stream Fan\",\"followers\":1523,"
                + "\"text\":\"Serverless stream processing with #AWS #Lambda and #aws Kinesis http://t.co/abc123\","
                + "\"lang\":\"en\",\"hashtags\":[\"aws\",\"lambda\"],\"is_retweet\":false,\"retweet_count\":7,"
                + "\"favorite_count\":12,\"topic\":null}\n");
    }

    @Test
    void keepsNonAsciiTextAsRawUtf8() {
        Tweet tweet = tweet("v1-emoji.json");
        byte[] line = AthenaRow.toJsonLine(tweet);

        byte[] expectedText = ("\"text\":\"" + tweet.text() + "\"").getBytes(StandardCharsets.UTF_8);
        assertThat(indexOf(line, expectedText)).as("emoji bytes appear unescaped").isPositive();
        assertThat(new String(line, StandardCharsets.UTF_8)).doesNotContain("\\u");
    }

    @Test
    void escapesWhatJsonRequiresSoTheRowStaysOnOneLine() throws Exception {
        Tweet multiline = new Tweet("1", tweet("v1-plain.json").createdAt(), "2", "u", "Quote \"Me\"", 0,
                "line one\nline two\ttab \\ backslash", "en", List.of(), false, 0, 0, "t");
        byte[] line = AthenaRow.toJsonLine(multiline);

        assertThat(count(line, (byte) '\n')).isEqualTo(1);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        JsonNode row = new ObjectMapper().readTree(line);
        assertThat(row.get("text").asText()).isEqualTo("line one\nline two\ttab \\ backslash");
        assertThat(row.get("user_name").asText()).isEqualTo("Quote \"Me\"");
    }

    @Test
    void everyFixtureRoundTripsThroughAJsonReaderWithAllColumns() throws Exception {
        List<String> columnNames = new ArrayList<>();
        AthenaRow.COLUMNS.forEach(c -> columnNames.add(c.name()));
        for (String fixture : List.of("v1-plain.json", "v1-retweet.json", "v1-japanese.json", "v1-chinese-escaped.json",
                "v2-bare.json", "v2-expanded.json", "v2-expanded-author.json")) {
            Tweet tweet = tweet(fixture);
            JsonNode row = new ObjectMapper().readTree(AthenaRow.toJsonLine(tweet));
            List<String> keys = new ArrayList<>();
            row.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(fixture).isEqualTo(columnNames);
            assertThat(row.get("text").asText()).as(fixture).isEqualTo(tweet.text());
            assertThat(row.get("created_at").asText()).as(fixture).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
        }
        assertThat(new ObjectMapper().readTree(AthenaRow.toJsonLine(tweet("v2-expanded-author.json")))
                .get("created_at").asText()).isEqualTo("2022-11-16 12:34:56.789");
    }

    private static int count(byte[] bytes, byte b) {
        int n = 0;
        for (byte x : bytes) {
            n += x == b ? 1 : 0;
        }
        return n;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
