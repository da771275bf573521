package dev.streamproc.examples.sensors;

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
                .contains("Name: temperature-sensor-data\n", "TableName: SensorData\n", "FunctionName: ProcessKinesisRecords\n",
                        "Handler: " + ProcessKinesisRecords.class.getName() + "::handleRequest\n",
                        "AttributeName: CurrentTime\n          AttributeType: N\n", "StartingPosition: LATEST\n",
                        "TABLE_NAME: !Ref SensorData\n", "- ReportBatchItemFailures\n");
        CfnLint.assertNoBroadGrants(template);
    }

    @Test
    void readsAsTheLocalRuntimeReadsIt() {
        Template template = Template.load(TEMPLATE);
        Template.FunctionDef function = template.function("ProcessKinesisRecords");

        assertThat(function.runtime()).isEqualTo("java21");
        // The runtime runs <CodeUri>/target/<folder>-lambda.jar: this module's artifactId is its folder name.
        assertThat(function.codeUri()).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(function.codeUri().getFileName()).hasToString("temperature-sensors");
        assertThat(function.environment()).containsEntry("TABLE_NAME", "SensorData");
        assertThat(function.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("Kinesis");
            assertThat(template.streamNameForArn(String.valueOf(event.properties().get("Stream"))))
                    .isEqualTo("temperature-sensor-data");
        });
        assertThat(template.notEmulated()).as("only roles and log groups are left to AWS")
                .allMatch(resource -> resource.endsWith("(AWS::IAM::Role)") || resource.endsWith("(AWS::Logs::LogGroup)"));
    }
}
