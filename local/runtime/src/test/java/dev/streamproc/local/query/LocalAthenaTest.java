package dev.streamproc.local.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalAthenaTest {

    static final String JAPANESE = "東京で花火大会🎆 #花火 #Tokyo";

    @TempDir
    Path s3Dir;

    AthenaDdl ddl;
    String thisHour;
    String previousHour;

    @BeforeEach
    void landFixtureObjects() throws IOException {
        ddl = AthenaDdl.parse(AthenaDdlTest.fixtureDdl());
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        thisHour = now.format(DateTimeFormatter.ofPattern("yyyy/MM/dd/HH"));
        previousHour = now.minusHours(1).format(DateTimeFormatter.ofPattern("yyyy/MM/dd/HH"));
        String stamp = now.minusMinutes(5).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"));
        LandedArchive archive = new LandedArchive(s3Dir);
        archive.put("tweets/", previousHour, List.of(
                row("1", "2014-08-31 00:29:15.000", "alice", JAPANESE, "ja", "[\"花火\",\"tokyo\"]", false, "\"#Tokyo\""),
                row("2", "2014-08-31 00:30:00.000", "bob", "RT @alice: hello", "en", "[\"tokyo\"]", true, "null")));
        archive.put("tweets/", thisHour, List.of(
                row("3", stamp, "alice", "plain \"quoted\", text", "en", "[]", false, "\"#Tokyo\""),
                row("4", stamp, "carol", "مرحبا #tokyo", "ar", "[\"tokyo\"]", false, "\"#Other\"")));
        archive.put("errors/processing-failed/", thisHour, List.of(
                failure("Lambda.FunctionError", "{not json"),
                failure("Lambda.FunctionError", "\u0000binary")));
    }

    static String row(String id, String createdAt, String user, String text, String lang, String hashtags,
                      boolean retweet, String topic) {
        return "{\"id\":\"" + id + "\",\"created_at\":\"" + createdAt + "\",\"username\":\"" + user + "\",\"user_name\":\""
                + user.toUpperCase() + "\",\"followers\":" + (100 + Integer.parseInt(id)) + ",\"text\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(text) + ",\"lang\":\"" + lang + "\",\"hashtags\":" + hashtags
                + ",\"is_retweet\":" + retweet + ",\"retweet_count\":" + id + ",\"favorite_count\":0,\"topic\":" + topic + "}";
    }

    static String failure(String code, String raw) {
        return "{\"attemptsMade\":4,\"arrivalTimestamp\":1700000000000,\"errorCode\":\"" + code
                + "\",\"errorMessage\":\"The Lambda function failed\",\"attemptEndingTimestamp\":1700000001000,\"rawData\":\""
                + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8))
                + "\",\"lambdaArn\":\"arn:aws:lambda:us-east-1:000000000000:function:transformer:$LATEST\"}";
    }

    QueryResult query(String sql) throws SQLException {
        try (LocalAthena athena = LocalAthena.open(ddl, s3Dir)) {
            return athena.query(sql);
        }
    }

    @Test
    void tweetsHasTheDdlColumnsThenThePartition() throws SQLException {
        QueryResult result = query("SELECT * FROM tweets WHERE id = '1'");

        assertThat(result.columns()).containsExactly("id", "created_at", "username", "user_name", "followers", "text",
                "lang", "hashtags", "is_retweet", "retweet_count", "favorite_count", "topic", "dt");
        assertThat(result.types()).startsWith("VARCHAR", "TIMESTAMP", "VARCHAR", "VARCHAR", "BIGINT");
        assertThat(result.rows()).singleElement().satisfies(row -> {
            assertThat(row.get(1)).asString().startsWith("2014-08-31 00:29:15");
            assertThat(row.get(5)).isEqualTo(JAPANESE);
            assertThat(row.get(7)).isEqualTo(List.of("花火", "tokyo"));
            assertThat(row.get(12)).isEqualTo(previousHour);
        });
    }

    @Test
    void readsEveryLandedObjectAndTheirPartitions() throws SQLException {
        QueryResult result = query("SELECT dt, count(*) AS n FROM tweets GROUP BY dt ORDER BY dt");

        assertThat(result.rows()).containsExactly(List.of(previousHour, 2L), List.of(thisHour, 2L));
    }

    @Test
    void unnestAndCardinalityWorkAsInAthena() throws SQLException {
        QueryResult result = query("""
                SELECT tag, count(*) AS n FROM tweets CROSS JOIN UNNEST(hashtags) AS t(tag)
                WHERE cardinality(hashtags) > 0 GROUP BY tag ORDER BY n DESC, tag""");

        assertThat(result.rows()).containsExactly(List.of("tokyo", 3L), List.of("花火", 1L));
    }

    @Test
    void relativeTimeFiltersUseTrinoFunctions() throws SQLException {
        QueryResult lastHours = query("""
                SELECT count(*) AS n FROM tweets
                WHERE created_at > date_add('hour', -24, current_timestamp)
                  AND created_at > from_iso8601_timestamp('2020-01-01T00:00:00Z')""");
        QueryResult withInterval = query("SELECT count(*) FROM tweets WHERE created_at >= current_timestamp - INTERVAL '24' HOUR");

        assertThat(lastHours.rows()).containsExactly(List.of(2L));
        assertThat(withInterval.rows()).containsExactly(List.of(2L));
    }

    @Test
    void trinoAggregatesAndIntegerDivision() throws SQLException {
        QueryResult result = query("""
                SELECT approx_distinct(username) AS users, count_if(is_retweet) * 100 / count(*) AS rt_percent,
                       array_join(array_agg(DISTINCT lang ORDER BY lang), ',') AS langs,
                       date_format(max(created_at), '%Y-%m-%d') >= '2014-08-31' AS formatted
                FROM tweets""");

        assertThat(result.value(0, "users")).isEqualTo(3L);
        assertThat(((Number) result.value(0, "rt_percent")).longValue()).isEqualTo(25L);
        assertThat(result.value(0, "langs")).isEqualTo("ar,en,ja");
        assertThat(result.value(0, "formatted")).isEqualTo(true);
    }

    @Test
    void aSchemaQualifiedNameReachesTheSameTable() throws SQLException {
        assertThat(query("SELECT count(*) FROM streamproc.tweets").rows()).containsExactly(List.of(4L));
    }

    @Test
    void failedRecordsAreReadFromTheErrorPrefixThroughTheView() throws SQLException {
        QueryResult result = query("SELECT error_code, attempts, raw_record FROM tweets_failed ORDER BY raw_record DESC");

        assertThat(result.rows()).containsExactly(
                List.of("Lambda.FunctionError", 4, "{not json"),
                List.of("Lambda.FunctionError", 4, "\u0000binary"));
    }

    @Test
    void hiddenFilesAndOtherPrefixesAreNotPartOfTheTable() throws SQLException, IOException {
        new LandedArchive(s3Dir).put("tweets/", thisHour + "/extra-level", List.of(row("9", "2014-08-31 00:00:00.000", "x", "x", "en", "[]", false, "null")));
        Path hidden = s3Dir.resolve(LandedArchive.BUCKET).resolve("tweets/" + thisHour + "/.upload-in-progress");
        Files.writeString(hidden, "garbage");

        assertThat(query("SELECT count(*) FROM tweets").rows()).containsExactly(List.of(4L));
    }

    @Test
    void anEmptyArchiveIsAnEmptyTableWithTheSameColumns(@TempDir Path empty) throws SQLException {
        try (LocalAthena athena = LocalAthena.open(ddl, empty.resolve("s3"))) {
            QueryResult result = athena.query("SELECT * FROM tweets");

            assertThat(result.rowCount()).isZero();
            assertThat(result.columns()).hasSize(13).endsWith("topic", "dt");
            assertThat(athena.query("SELECT count(*) FROM tweets_failed").rows()).containsExactly(List.of(0L));
        }
    }

    @Test
    void aBadQuerySaysWhyAndTheNextOneStillRuns() throws SQLException {
        try (LocalAthena athena = LocalAthena.open(ddl, s3Dir)) {
            assertThatThrownBy(() -> athena.query("SELECT nope FROM tweets")).isInstanceOf(SQLException.class).hasMessageContaining("nope");
            assertThat(athena.query("SELECT count(*) FROM tweets -- trailing comment;").rows()).containsExactly(List.of(4L));
        }
    }
}
