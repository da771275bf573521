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

class QueryCommandTest {

    @TempDir
    Path dataDir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream savedOut;
    PrintStream savedErr;
    Path ddlDir;

    @BeforeEach
    void landFilesAndCaptureOutput() throws Exception {
        new LandedArchive(dataDir.resolve("s3")).put("tweets/", "2026/11/23/01", List.of(
                LocalAthenaTest.row("7", "2026-11-23 01:02:03.456", "zoe", LocalAthenaTest.JAPANESE, "ja", "[\"花火\"]", false, "null")));
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

    int run(String... args) {
        return QueryCommand.run(List.of(args));
    }

    @Test
    void runsSqlTextFromTheFilesAloneAndPrintsJson() {
        int status = run("SELECT id, text, dt FROM tweets", "--format", "json", "--data-dir", dataDir.toString(), "--ddl", ddlDir.toString());

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
                .contains("\"id\" : \"7\"", "\"text\" : \"" + LocalAthenaTest.JAPANESE + "\"", "\"dt\" : \"2026/11/23/01\"");
    }

    @Test
    void runsASqlFileAndPrintsCsv() throws Exception {
        Path file = Files.writeString(dataDir.resolve("q.sql"), "-- how many?\nSELECT count(*) AS n FROM tweets;\n");

        assertThat(run(file.toString(), "--format", "csv", "--data-dir", dataDir.toString(), "--ddl", ddlDir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("n\n1\n");
    }

    @Test
    void aFailingQueryExitsOneWithTheReason() {
        assertThat(run("SELECT nope FROM tweets", "--data-dir", dataDir.toString(), "--ddl", ddlDir.toString())).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the query failed").contains("nope");
    }

    @Test
    void badArgumentsExitTwoWithUsage() {
        assertThat(run("--format", "xml", "SELECT 1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("use table, csv or json").contains("usage: streamproc query");
    }
}
