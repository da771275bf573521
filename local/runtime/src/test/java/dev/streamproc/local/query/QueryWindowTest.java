package dev.streamproc.local.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.demo.DemoQueries;
import dev.streamproc.model.AthenaRow;
import dev.streamproc.model.Tweet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo runs the named queries with their window ending at the run's newest tweet: a replay of tweets from 2014,
 * archived now, answers them, where the files as written (ending at the clock) find nothing.
 */
class QueryWindowTest {

    static final Path ATHENA = RepoRoot.find().resolve("athena");
    static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);
    static final Instant NEWEST = Instant.parse("2014-08-31T12:34:56.789Z");

    @TempDir
    Path s3Dir;

    @Test
    void anchoringReplacesTheClockAndNothingElse() {
        QueryWindow window = new QueryWindow(NEWEST);
        String sql = "WHERE dt >= date_format(current_timestamp - INTERVAL '24' HOUR, '%Y/%m/%d/%H')\n"
                + "  AND created_at >= CURRENT_TIMESTAMP - INTERVAL '24' HOUR AND note = 'my_current_timestamps'";

        assertThat(QueryWindow.followsTheClock(sql)).isTrue();
        assertThat(window.anchor(sql)).isEqualTo("WHERE dt >= date_format(TIMESTAMP '2014-08-31 12:34:56.789' - INTERVAL '24' HOUR,"
                + " '%Y/%m/%d/%H')\n  AND created_at >= TIMESTAMP '2014-08-31 12:34:56.789' - INTERVAL '24' HOUR"
                + " AND note = 'my_current_timestamps'");
        assertThat(QueryWindow.followsTheClock("SELECT * FROM tweets WHERE id = '1'")).isFalse();
    }

    @Test
    void aReplayOfOldTweetsAnswersTheNamedQueriesInTheDemo() throws Exception {
        List<Tweet> replayed = List.of(
                tweet("1", NEWEST, List.of("worldcup", "goal")),
                tweet("2", NEWEST.minus(2, ChronoUnit.HOURS), List.of("worldcup")),
                tweet("3", NEWEST.minus(23, ChronoUnit.HOURS), List.of("worldcup", "final")),
                tweet("4", NEWEST.minus(3, ChronoUnit.DAYS), List.of("old")));
        // Firehose partitions by arrival: the replay lands in the current hour whatever its created_at.
        new LandedArchive(s3Dir).put("tweets/", HOUR_PATH.format(Instant.now()), replayed.stream().map(QueryWindowTest::line).toList());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        Map<String, QueryResult> results = DemoQueries.run(ATHENA, s3Dir, null, new PrintStream(printed, true, StandardCharsets.UTF_8));

        QueryResult hashtags = results.get("top_hashtags.sql");
        assertThat(hashtags.rows()).as("the 24 hours before the newest tweet; #old is three days older")
                .containsExactly(List.of("worldcup", 3L), List.of("final", 1L), List.of("goal", 1L));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("end at the run's newest tweet (created_at 2014-08-31T12:34:56.789Z)")
                .contains("(window ending 2014-08-31T12:34:56.789Z, the run's newest tweet)");
        String file = Files.readString(ATHENA.resolve("queries/top_hashtags.sql"));
        assertThat(file).as("the file stays what Athena users run").contains("current_timestamp");
        try (LocalAthena athena = LocalAthena.open(AthenaDdl.readDirectory(ATHENA.resolve("ddl")), s3Dir)) {
            assertThat(athena.query(file).rows()).as("the file as written: the clock's last 24 hours hold none of them").isEmpty();
        }
    }

    static Tweet tweet(String id, Instant createdAt, List<String> tags) {
        return new Tweet(id, createdAt, "u" + id, "user" + id, "User " + id, 10, "text #" + String.join(" #", tags), "en", tags,
                false, 0, 0, "#WorldCup");
    }

    static String line(Tweet tweet) {
        String json = new String(AthenaRow.toJsonLine(tweet), StandardCharsets.UTF_8);
        return json.substring(0, json.length() - 1);
    }
}
