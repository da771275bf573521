package dev.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line's contract: --help everywhere, a usage error is one line plus the synopsis and exit status 2. */
class StreamprocTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Streamproc.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "down", "status", "env", "demo", "invoke", "query", "items"})
    void everyCommandAnswersHelp(String command) {
        assertThat(run(command, "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: streamproc " + command);
        assertThat(err.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"up", "down", "status", "env", "demo", "invoke", "query", "items"})
    void anUnknownOptionIsAUsageError(String command) {
        String required = switch (command) {
            case "invoke" -> "SomeFunction";
            case "query" -> "SELECT 1";
            default -> null;
        };
        String[] args = required == null ? new String[] {command, "--no-such-option"} : new String[] {command, required, "--no-such-option"};
        assertThat(run(args)).isEqualTo(2);

        List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("streamproc " + command + ": unexpected argument '--no-such-option'");
        assertThat(lines.get(1)).startsWith("usage: streamproc " + command);
    }

    @Test
    void withoutACommandItListsTheCommands() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("up", "down", "status", "env", "demo", "invoke", "query", "items");

        assertThat(run("--help")).isZero();
        assertThat(run("help")).isZero();
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(run("upp")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("streamproc: unknown command 'upp'");
    }

    @Test
    void aBadValueSaysWhichOptionAndWhy() {
        assertThat(run("demo", "--drain-timeout", "soon")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--drain-timeout").contains("30s");
    }

    @Test
    void statusWithNothingRunningExitsThree(@TempDir Path dataDir) {
        assertThat(run("status", "--data-dir", dataDir.toString())).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no local cloud is running");
    }
}
