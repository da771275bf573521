package dev.streamproc.examples.wildrydes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.lambdakit.testing.CfnLint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** template.yaml deploys as written: cfn-lint clean, the tutorial's names, no managed policies. */
class TemplateTest {

    private static final Path TEMPLATE = Path.of("template.yaml");

    @Test
    void passesCfnLintWithoutErrorsOrWarnings() throws IOException {
        CfnLint.assertClean(TEMPLATE);
    }

    @Test
    void usesTheTutorialsNamesAndNoManagedPolicies() throws IOException {
        String template = Files.readString(TEMPLATE, StandardCharsets.UTF_8);

        assertThat(template)
                .contains("Name: wildrydes\n", "TableName: UnicornSensorData\n", "FunctionName: WildRydesStreamProcessor\n",
                        "Handler: " + WildRydesStreamProcessor.class.getName() + "::handleRequest\n",
                        "StartingPosition: LATEST\n", "BatchSize: 100\n", "Timeout: 60\n", "TABLE_NAME: !Ref UnicornSensorData\n",
                        "- ReportBatchItemFailures\n");
        CfnLint.assertNoBroadGrants(template);
    }
}
