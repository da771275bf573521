package dev.streamproc.local.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cli.QueryCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code streamproc query} stays within Athena's reach: the archive's files only, read-only, one statement (Athena
 * runs one read-only query over its tables; it reads no local file and writes none).
 */
class QueryConfinementTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path elsewhere;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut;
    PrintStream savedErr;
    Path ddlDir;

    @BeforeEach
    void landFilesAndCaptureOutput() throws Exception {
        new LandedArchive(dataDir.resolve("s3")).put("tweets/", "2026/11/23/01", List.of(
                LocalAthenaTest.row("7", "2026-11-23 01:02:03.456", "zoe", "hello", "en", "[]", false, "null")));
        ddlDir = Files.createDirectories(dataDir.resolve("ddl"));
        Files.writeString(ddlDir.resolve("tweets.sql"), AthenaDdlTest.fixtureDdl());
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreOutput() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    int run(String sqlOrFile) {
        return QueryCommand.run(List.of(sqlOrFile, "--format", "csv", "--data-dir", dataDir.toString(), "--ddl", ddlDir.toString()));
    }

    @Test
    void aFileOutsideTheArchiveCannotBeRead() throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("hostname"), "secret-host\n");

        assertThat(run("SELECT * FROM read_text('" + secret + "')")).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("secret-host");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the query failed");
    }

    @Test
    void nothingCanBeWrittenNotEvenIntoTheArchive() {
        Path outside = elsewhere.resolve("x.csv");
        Path inside = dataDir.resolve("s3").resolve("y.csv");

        assertThat(run("COPY (SELECT 42) TO '" + outside + "'")).isEqualTo(1);
        assertThat(run("COPY (SELECT 42) TO '" + inside + "'")).isEqualTo(1);

        assertThat(outside).doesNotExist();
        assertThat(inside).doesNotExist();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("read-only");
    }

    @Test
    void theConfinementCannotBeSwitchedOff() {
        assertThat(run("SET enable_external_access = true")).isEqualTo(1);
        assertThat(run("SELECT current_setting('enable_external_access') AS on")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("on\nfalse\n");
    }

    @Test
    void oneStatementAtATime() {
        assertThat(run("SELECT 1 AS a; SELECT 2 AS b")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("one statement at a time");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theArchivesTablesStillAnswer() {
        assertThat(run("WITH t AS (SELECT id FROM tweets) SELECT count(*) AS n FROM t")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("n\n1\n");
    }

    @Test
    void aMissingQueryFileSaysFileNotFound() {
        assertThat(run(elsewhere.resolve("missing.sql").toString())).isEqualTo(1);
        assertThat(run("queries/top-hashtags.sql")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("file not found: " + elsewhere.resolve("missing.sql"))
                .contains("file not found: queries/top-hashtags.sql");
    }
}
