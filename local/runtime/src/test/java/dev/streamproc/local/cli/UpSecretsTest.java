package dev.streamproc.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Secrets for {@code up} that stay out of its arguments, which {@code ps} shows as long as it runs (issue 11, item 7). */
class UpSecretsTest {

    @TempDir
    Path dataDir;

    private UpCommand.Options parse(String stdin, String... args) {
        CommandLine cli = Streamproc.commandLine(new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        List<String> all = new java.util.ArrayList<>(List.of("up", "--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        cli.parseArgs(all.toArray(String[]::new));
        UpCommand up = cli.getSubcommands().get("up").getCommand();
        up.standardInput = StandardInputValues.of(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return up.options();
    }

    @Test
    void aDashReadsTheValueFromStandardInputOneLineEachInOrder() {
        UpCommand.Options options = parse("AAAA-secret-token\r\nworldwide\nthird\n",
                "--ssm-parameter", "/twitter/bearer_token=SecureString:-", "--ssm-parameter", "/twitter/place=String:-",
                "--ssm-parameter", "/app/other=-", "--ssm-parameter", "/app/plain=String:as-given");

        assertThat(options.cloud().extraParameters())
                .containsEntry("/twitter/bearer_token", "SecureString:AAAA-secret-token")
                .containsEntry("/twitter/place", "String:worldwide")
                .containsEntry("/app/other", "third")
                .containsEntry("/app/plain", "String:as-given");
    }

    @Test
    void standardInputEndingEarlyIsAnErrorNamingTheParameter() {
        assertThatThrownBy(() -> parse("only-one\n", "--ssm-parameter", "/a=-", "--ssm-parameter", "/b=SecureString:-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/b")
                .hasMessageContaining("standard input ended");
    }

    @Test
    void aParametersFileIsTheOtherWayAndHasAnSsmName() {
        Path file = dataDir.resolve("secrets.properties");
        assertThat(parse("", "--ssm-parameters-file", file.toString()).cloud().parametersFile()).isEqualTo(file.toAbsolutePath());
        assertThat(parse("", "--parameters-file", file.toString()).cloud().parametersFile()).isEqualTo(file.toAbsolutePath());
    }

    @Test
    void helpTellsHowToKeepSecretsOutOfTheArguments() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Streamproc.run(List.of("up", "--help"), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
                .contains("--ssm-parameters-file").contains("reads it from standard input").contains("visible in 'ps'");
    }
}
