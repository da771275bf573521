package dev.streamproc.examples.gamescores;

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
                .contains("Name: Lab-Stream\n", "FunctionName: ProcessKinesisRecords\n",
                        "Handler: " + ProcessKinesisRecords.class.getName() + "::handleRequest\n",
                        "TableName: GameScoreRecords\n", "StreamViewType: NEW_IMAGE\n", "TableName: GameScoresByUser\n",
                        "FunctionName: AggregateScoresByUser\n",
                        "Handler: " + AggregateScoresByUser.class.getName() + "::handleRequest\n",
                        "Stream: !GetAtt GameScoreRecords.StreamArn\n", "TABLE_NAME: !Ref GameScoresByUser\n",
                        "APPLIED_TABLE_NAME: !Ref GameScoresAppliedRecords\n", "- ReportBatchItemFailures\n");
        CfnLint.assertNoBroadGrants(template);
    }

    @Test
    void readsAsTheLocalRuntimeReadsIt() {
        Template template = Template.load(TEMPLATE);
        Template.FunctionDef logger = template.function("ProcessKinesisRecords");
        Template.FunctionDef aggregate = template.function("AggregateScoresByUser");

        // Both run <CodeUri>/target/<folder>-lambda.jar: this module's artifactId is its folder name.
        assertThat(logger.codeUri()).isEqualTo(Path.of("").toAbsolutePath()).isEqualTo(aggregate.codeUri());
        assertThat(logger.codeUri().getFileName()).hasToString("game-scores");
        assertThat(logger.events()).singleElement().satisfies(event ->
                assertThat(template.streamNameForArn(String.valueOf(event.properties().get("Stream")))).isEqualTo("Lab-Stream"));
        assertThat(aggregate.environment())
                .containsEntry("TABLE_NAME", "GameScoresByUser")
                .containsEntry("APPLIED_TABLE_NAME", "GameScoresAppliedRecords");
        assertThat(aggregate.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo("DynamoDB");
            String streamArn = String.valueOf(event.properties().get("Stream"));
            assertThat(streamArn).startsWith(template.arn("GameScoreRecords") + "/stream/");
        });
        assertThat(template.resource("GameScoreRecords").properties())
                .containsEntry("StreamSpecification", java.util.Map.of("StreamViewType", "NEW_IMAGE"));
        assertThat(template.notEmulated()).as("only roles and log groups are left to AWS")
                .allMatch(resource -> resource.endsWith("(AWS::IAM::Role)") || resource.endsWith("(AWS::Logs::LogGroup)"));
    }
}
