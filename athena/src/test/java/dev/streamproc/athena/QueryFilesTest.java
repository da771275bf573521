package dev.streamproc.athena;

import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.Statement;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every athena/queries/*.sql is one Trino query over our tables, introduced by a comment saying what it answers. */
class QueryFilesTest {

    private static final SqlParser TRINO = new SqlParser();

    @Test
    void theQueriesUsersAskForAreAllThere() {
        assertThat(RepoFiles.queryFiles().stream().map(RepoFiles::baseName)).containsExactlyInAnyOrder(
                "top_hashtags", "tweets_per_topic_per_hour", "most_active_users", "language_mix", "retweet_ratio",
                "tweet_by_id", "failed_records_by_error_code");
    }

    @TestFactory
    Stream<DynamicTest> eachQueryParsesAsTrinoSqlAndReadsOnlyOurTables() {
        return RepoFiles.queryFiles().stream().map(file -> DynamicTest.dynamicTest(RepoFiles.baseName(file), () -> {
            String sql = RepoFiles.read(file);

            // Athena runs one statement without a trailing semicolon.
            assertThat(sql.strip()).doesNotEndWith(";");
            Statement statement = TRINO.createStatement(sql);

            assertThat(statement).isInstanceOf(Query.class);
            assertThat(SqlFiles.tablesReadBy(statement)).isNotEmpty().isSubsetOf("tweets", "tweets_errors");
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachQueryBeginsWithTheQuestionItAnswers() {
        return RepoFiles.queryFiles().stream().map(file -> DynamicTest.dynamicTest(RepoFiles.baseName(file), () -> {
            List<String> lines = RepoFiles.read(file).lines().toList();

            assertThat(lines.get(0)).startsWith("-- ").endsWith("?");
        }));
    }

    @Test
    void theParserRejectsWhatIsNotTrinoSql() {
        // Proves the check above has teeth: DuckDB's list literal and a Hive DDL are not Trino.
        assertThatThrownBy(() -> TRINO.createStatement("SELECT [1, 2]")).isInstanceOf(ParsingException.class);
        String hiveDdl = TweetsTableTest.single(RepoFiles.read(RepoFiles.DDL.resolve("tweets.sql")));
        assertThatThrownBy(() -> TRINO.createStatement(hiveDdl)).isInstanceOf(ParsingException.class);
    }
}
