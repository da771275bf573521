package dev.streamproc.examples.wildrydes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.lambdakit.testing.CfnLint;
import dev.streamproc.local.cloud.template.Template;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * template.yaml deploys as written (cfn-lint clean, the tutorial's names, no managed policies) and
 * reads as the local runtime reads it (local-cloud's Template).
 */
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

    @Test
    void readsAsTheLocalRuntimeReadsIt() {
        Template template = Template.load(TEMPLATE);
        Template.FunctionDef function = template.function("WildRydesStreamProcessor");

        assertThat(function.functionName()).isEqualTo("WildRydesStreamProcessor");
        assertThat(function.runtime()).isEqualTo("java21");
        assertThat(function.timeoutSeconds()).isEqualTo(60);
        // The runtime runs <CodeUri>/target/<folder>-lambda.jar: this module's artifactId is its folder name.
        assertThat(function.codeUri()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(function.codeUri().getFileName()).hasToString("wild-rydes");
        assertThat(function.environment()).containsEntry("TABLE_NAME", "UnicornSensorData");
        assertThat(function.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("Kinesis");
            assertThat(template.streamNameForArn(String.valueOf(event.properties().get("Stream")))).isEqualTo("wildrydes");
        });
        assertThat(template.physicalName("UnicornSensorData")).isEqualTo("UnicornSensorData");
        assertThat(template.notEmulated()).as("only roles and log groups are left to AWS")
                .allMatch(resource -> resource.endsWith("(AWS::IAM::Role)") || resource.endsWith("(AWS::Logs::LogGroup)"));
    }
}
