package dev.streamproc.lambdakit.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code cfn-lint} (which applies the SAM transform first) on a template, as the root
 * project's TemplateLintTest does. A test that uses it is skipped, saying so, on a machine
 * without cfn-lint.
 */
public final class CfnLint {

    /** cfn-lint's exit code and its parseable findings (one a line). */
    public record Result(int exitCode, String findings) {
    }

    private CfnLint() {
    }

    /** Asserts that cfn-lint finds nothing at all (no error, no warning) in the template. */
    public static void assertClean(Path template) throws IOException {
        Result lint = lint(template);
        assertThat(lint.findings()).as("cfn-lint findings in " + template).isEmpty();
        assertThat(lint.exitCode()).as("cfn-lint exit code").isZero();
    }

    /** Asserts that no role of the template uses managed policies or wildcard actions. */
    public static void assertNoBroadGrants(String templateText) {
        assertThat(templateText).doesNotContain("ManagedPolicyArns", "FullAccess", "Action: '*'", "dynamodb:*", "kinesis:*",
                "logs:*");
    }

    public static Result lint(Path template) throws IOException {
        assumeTrue(installed(), "cfn-lint is not installed (pip install cfn-lint): " + template + " was NOT linted");
        return run(List.of("cfn-lint", "--format", "parseable", "--", template.toString()));
    }

    private static boolean installed() {
        try {
            return run(List.of("cfn-lint", "--version")).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
