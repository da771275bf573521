package dev.streamproc.examples.gamescores;

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
                .contains("Name: Lab-Stream\n", "FunctionName: ProcessKinesisRecords\n",
                        "Handler: " + ProcessKinesisRecords.class.getName() + "::handleRequest\n",
                        "TableName: GameScoreRecords\n", "StreamViewType: NEW_IMAGE\n", "TableName: GameScoresByUser\n",
                        "FunctionName: AggregateScoresByUser\n",
                        "Handler: " + AggregateScoresByUser.class.getName() + "::handleRequest\n",
                        "Stream: !GetAtt GameScoreRecords.StreamArn\n", "TABLE_NAME: !Ref GameScoresByUser\n",
                        "APPLIED_TABLE_NAME: !Ref GameScoresAppliedRecords\n", "- ReportBatchItemFailures\n");
        CfnLint.assertNoBroadGrants(template);
    }
}
