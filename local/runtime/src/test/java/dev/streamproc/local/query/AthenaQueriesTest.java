package dev.streamproc.local.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.model.AthenaRow;
import dev.streamproc.model.Tweet;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of athena/queries runs locally over the real athena/ddl tables and returns what the landed rows
 * imply. Rows are made by the model's {@link AthenaRow#toJsonLine} (what the transformer writes), a fresh hour
 * plus one old tweet that the "last 24 hours" queries must leave out.
 */
class AthenaQueriesTest {

    static final Path ATHENA = RepoRoot.find().resolve("athena");
    static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH").withZone(ZoneOffset.UTC);

    @TempDir
    Path s3Dir;

    final Instant now = Instant.now();
    final List<Tweet> fresh = List.of(
            tweet("1001", 50, "alice", 120, "東京で花火🎆 #花火 #Tokyo", "ja", List.of("花火", "tokyo"), false, "#Tokyo"),
            tweet("1002", 40, "bob", 5, "RT @alice: 東京で花火🎆", "en", List.of("tokyo"), true, "#Tokyo"),
            tweet("1003", 30, "alice", 121, "no tags here", "en", List.of(), false, null),
            tweet("1004", 20, "carol", 7, "مرحبا #tokyo #مرحبا", "ar", List.of("tokyo", "مرحبا"), false, "#Other"),
            tweet("1005", 10, "alice", 122, "RT @dan: ¡gol! #fútbol", "es", List.of("fútbol"), true, "#Other"));
    final Tweet old = new Tweet("999", now.minus(2, ChronoUnit.DAYS), "u9", "dave", "Dave", 1, "old news #old", "en",
            List.of("old"), false, 0, 0, "#Tokyo");
    LocalAthena athena;

    Tweet tweet(String id, int minutesAgo, String user, long followers, String text, String lang, List<String> tags,
                boolean retweet, String topic) {
        return new Tweet(id, now.minus(minutesAgo, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS), "u" + id, user,
                user.toUpperCase(), followers, text, lang, tags, retweet, 3, 4, topic);
    }

    @BeforeEach
    void landRowsAndFailures() {
        LandedArchive archive = new LandedArchive(s3Dir);
        archive.put("tweets/", HOUR_PATH.format(now), fresh.stream().map(AthenaQueriesTest::line).toList());
        archive.put("tweets/", HOUR_PATH.format(old.createdAt()), List.of(line(old)));
        archive.put("errors/processing-failed/", HOUR_PATH.format(now.minus(3, ChronoUnit.HOURS)),
                List.of(LocalAthenaTest.failure("Lambda.FunctionError", "{bad")));
        archive.put("errors/processing-failed/", HOUR_PATH.format(now),
                List.of(LocalAthenaTest.failure("Lambda.FunctionError", "x"), LocalAthenaTest.failure("Lambda.InvalidResult", "y")));
        athena = LocalAthena.open(AthenaDdl.readDirectory(ATHENA.resolve("ddl")), s3Dir);
    }

    @AfterEach
    void close() {
        athena.close();
    }

    static String line(Tweet tweet) {
        String json = new String(AthenaRow.toJsonLine(tweet), StandardCharsets.UTF_8);
        return json.substring(0, json.length() - 1);
    }

    QueryResult run(String file) throws IOException, SQLException {
        return athena.query(Files.readString(ATHENA.resolve("queries").resolve(file)));
    }

    @Test
    void everyQueryFileIsCoveredHere() throws IOException {
        try (Stream<Path> files = Files.list(ATHENA.resolve("queries"))) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly(
                    "failed_records_by_error_code.sql", "language_mix.sql", "most_active_users.sql", "retweet_ratio.sql",
                    "top_hashtags.sql", "tweet_by_id.sql", "tweets_per_topic_per_hour.sql");
        }
    }

    @Test
    void theDdlHasTheTransformersColumnsAndTypes() {
        AthenaTable tweets = AthenaDdl.readDirectory(ATHENA.resolve("ddl")).table("tweets");

        assertThat(tweets.columns()).extracting(AthenaTable.Column::name, AthenaTable.Column::athenaType)
                .containsExactlyElementsOf(AthenaRow.COLUMNS.stream()
                        .map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), c.athenaType())).toList());
    }

    @Test
    void topHashtags() throws Exception {
        assertThat(run("top_hashtags.sql").rows()).containsExactly(
                List.of("tokyo", 3L), List.of("fútbol", 1L), List.of("مرحبا", 1L), List.of("花火", 1L));
    }

    @Test
    void languageMix() throws Exception {
        QueryResult result = run("language_mix.sql");

        assertThat(result.rows()).extracting(r -> r.get(0), r -> r.get(1)).containsExactly(
                org.assertj.core.groups.Tuple.tuple("en", 2L), org.assertj.core.groups.Tuple.tuple("ar", 1L),
                org.assertj.core.groups.Tuple.tuple("es", 1L), org.assertj.core.groups.Tuple.tuple("ja", 1L));
        assertThat(result.rows()).extracting(r -> new BigDecimal(r.get(2).toString()).doubleValue())
                .containsExactly(40.0, 20.0, 20.0, 20.0);
    }

    @Test
    void mostActiveUsers() throws Exception {
        assertThat(run("most_active_users.sql").rows()).containsExactly(
                List.of("alice", "ALICE", 3L, 122L, 1L),
                List.of("bob", "BOB", 1L, 5L, 1L),
                List.of("carol", "CAROL", 1L, 7L, 0L));
    }

    @Test
    void retweetRatio() throws Exception {
        assertThat(run("retweet_ratio.sql").rows()).containsExactly(
                List.of("#Other", 2L, 1L, 0.5),
                List.of("#Tokyo", 2L, 1L, 0.5),
                List.of("(none)", 1L, 0L, 0.0));
    }

    @Test
    void tweetsPerTopicPerHour() throws Exception {
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        for (Tweet t : fresh) {
            if (t.topic() != null) {
                String hour = t.createdAt().truncatedTo(ChronoUnit.HOURS).toString();
                expected.computeIfAbsent(hour, h -> new TreeMap<>()).merge(t.topic(), 1L, Long::sum);
            }
        }
        List<List<Object>> rows = new ArrayList<>();
        expected.keySet().stream().sorted((a, b) -> b.compareTo(a)).forEach(hour -> expected.get(hour).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> rows.add(List.of(e.getKey(), hour, e.getValue()))));

        assertThat(run("tweets_per_topic_per_hour.sql").rows())
                .extracting(r -> List.of(r.get(0), Instant.parse(r.get(1).toString().replace(' ', 'T') + "Z").toString(), r.get(2)))
                .containsExactlyElementsOf(rows);
    }

    @Test
    void tweetByIdFindsNothingAsWrittenAndTheTweetOnceGivenItsId() throws Exception {
        String sql = Files.readString(ATHENA.resolve("queries/tweet_by_id.sql"));

        assertThat(athena.query(sql).rows()).isEmpty();
        QueryResult found = athena.query(sql.replace("TWEET_ID", "1004"));
        assertThat(found.rows()).singleElement().satisfies(row -> {
            assertThat(found.value(0, "text")).isEqualTo("مرحبا #tokyo #مرحبا");
            assertThat(found.value(0, "hashtags")).isEqualTo(List.of("tokyo", "مرحبا"));
            assertThat(found.value(0, "dt")).isEqualTo(HOUR_PATH.format(now));
        });
    }

    @Test
    void failedRecordsByErrorCode() throws Exception {
        assertThat(run("failed_records_by_error_code.sql").rows()).containsExactly(
                List.of("Lambda.FunctionError", 2L, 4, HOUR_PATH.format(now.minus(3, ChronoUnit.HOURS)), HOUR_PATH.format(now)),
                List.of("Lambda.InvalidResult", 1L, 4, HOUR_PATH.format(now), HOUR_PATH.format(now)));
    }

    @Test
    void theFailedViewDecodesTheRawRecord() throws Exception {
        assertThat(athena.query("SELECT raw_record FROM tweets_failed ORDER BY raw_record").rows())
                .containsExactly(List.of("x"), List.of("y"), List.of("{bad"));
    }
}
