package dev.streamproc.local.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.template.Template;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template's {@code Schedule} and {@code ScheduleV2} events become rules (SAM docs: "Schedule" and "ScheduleV2"
 * event source types; ScheduleV2 names its expression {@code ScheduleExpression} and its state {@code State}).
 */
class ScheduleRulesTest {

    @TempDir
    Path project;

    @Test
    void scheduleAndScheduleV2EventsOfAnyTemplate() throws Exception {
        Path file = Files.writeString(project.resolve("template.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Reporter:
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: java21
                      Handler: a.B::handle
                      CodeUri: reporter/
                      Events:
                        Hourly:
                          Type: Schedule
                          Properties: {Schedule: rate(1 hour), Input: '{"report":"hourly"}'}
                        Nightly:
                          Type: ScheduleV2
                          Properties: {ScheduleExpression: 'cron(0 3 * * ? *)', State: DISABLED, Name: nightly-report}
                """);

        var rules = ScheduleRules.of(Template.load(file, "reports", java.util.Map.of()));

        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).ruleName()).isEqualTo("reports-ReporterHourly");
        assertThat(rules.get(0).enabled()).isTrue();
        assertThat(rules.get(0).input()).isEqualTo("{\"report\":\"hourly\"}");
        assertThat(rules.get(1).ruleName()).isEqualTo("nightly-report");
        assertThat(rules.get(1).enabled()).isFalse();
        assertThat(rules.get(1).expression().nextAfter(java.time.Instant.parse("2026-11-29T00:00:00Z")))
                .contains(java.time.Instant.parse("2026-11-29T03:00:00Z"));
        assertThat(rules).allSatisfy(r -> assertThat(r.functionId()).isEqualTo("Reporter"));
    }
}
