package dev.streamproc.local.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AthenaDdlTest {

    static String fixtureDdl() throws IOException {
        try (var in = AthenaDdlTest.class.getResourceAsStream("/query/fixture-ddl.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheColumnsAndTypesOfAnExternalTable() throws IOException {
        AthenaTable tweets = AthenaDdl.parse(fixtureDdl()).table("tweets");

        assertThat(tweets.schema()).isEqualTo("streamproc");
        assertThat(tweets.columns()).extracting(AthenaTable.Column::name).containsExactly(
                "id", "created_at", "username", "user_name", "followers", "text", "lang", "hashtags",
                "is_retweet", "retweet_count", "favorite_count", "topic");
        assertThat(tweets.columns().get(7).athenaType()).isEqualTo("array<string>");
        assertThat(tweets.partitionColumns()).containsExactly(new AthenaTable.Column("dt", "string"));
    }

    @Test
    void readsLocationProjectionAndSerdeProperties() throws IOException {
        AthenaTable tweets = AthenaDdl.parse(fixtureDdl()).table("tweets");

        assertThat(tweets.location()).isEqualTo("s3://archive-bucket/tweets/");
        assertThat(tweets.keyTemplate()).isEqualTo("tweets/${dt}/");
        assertThat(tweets.projectionFormat("dt")).isEqualTo("yyyy/MM/dd/HH");
        assertThat(tweets.ignoresMalformedJson()).isFalse();
    }

    @Test
    void keepsTheColumnSpellingBecauseItIsTheJsonKey() throws IOException {
        AthenaTable failed = AthenaDdl.parse(fixtureDdl()).table("tweets_failed_raw");

        assertThat(failed.columns()).extracting(AthenaTable.Column::name).startsWith("attemptsmade", "arrivalTimestamp", "errorcode");
        assertThat(failed.keyTemplate()).isEqualTo("errors/processing-failed/");
    }

    @Test
    void readsViewsWithTheirSql() throws IOException {
        List<AthenaDdl.View> views = AthenaDdl.parse(fixtureDdl()).views();

        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.name()).isEqualTo("tweets_failed");
            assertThat(view.sql()).startsWith("SELECT errorcode AS error_code").contains("FROM streamproc.tweets_failed_raw");
        });
    }

    @Test
    void nestedTypesBecomeDuckDbTypes() {
        assertThat(DuckDbTypes.of("array<string>")).isEqualTo("VARCHAR[]");
        assertThat(DuckDbTypes.of("map<string,array<bigint>>")).isEqualTo("MAP(VARCHAR, BIGINT[])");
        assertThat(DuckDbTypes.of("struct<a:int,b:array<string>>")).isEqualTo("STRUCT(\"a\" INTEGER, \"b\" VARCHAR[])");
        assertThat(DuckDbTypes.of("decimal(10,2)")).isEqualTo("DECIMAL(10,2)");
        assertThatThrownBy(() -> DuckDbTypes.of("uniontype<int,string>")).hasMessageContaining("not supported");
    }

    @Test
    void ignoresSemicolonsAndParenthesesInsideCommentsAndStrings() {
        AthenaDdl ddl = AthenaDdl.parse("""
                -- a comment; with (parens
                CREATE EXTERNAL TABLE t (a string COMMENT 'x; (y', b int) LOCATION 's3://b/p/';
                /* CREATE EXTERNAL TABLE u (z int); */
                """);

        assertThat(ddl.tables()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("t");
            assertThat(t.columns()).containsExactly(new AthenaTable.Column("a", "string"), new AthenaTable.Column("b", "int"));
        });
    }
}
