package dev.streamproc.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the tweet parser (Jazzer). Runs the committed inputs under
 * {@code TweetParserFuzzTestInputs/parse} in every build; {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}.
 * Whatever the bytes, the parser answers (tweet, notice or rejection) and never throws; a tweet maps to both
 * outputs (Athena row, EventData item) without error.
 */
class TweetParserFuzzTest {

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] data) {
        ParseResult result = TweetParser.parse(data);

        assertThat(result).isNotNull();
        if (result instanceof ParseResult.Parsed parsed) {
            Tweet tweet = parsed.tweet();
            assertThat(tweet.id()).isNotEmpty();
            assertThat(tweet.username()).isNotEmpty();
            assertThat(new String(AthenaRow.toJsonLine(tweet), StandardCharsets.UTF_8)).endsWith("\n");
            assertThat(EventDataItem.from(tweet, new RecordLineage("shardId-0", "1", 0)).attributes())
                    .containsKeys("Username", "Id");
        } else if (result instanceof ParseResult.Rejected rejected) {
            assertThat(rejected.reason()).isNotBlank();
        }
    }
}
