package dev.streamproc.local.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alarm section of status, from the report the runtime wrote: states, reasons, staleness, escaping. */
class AlarmLinesTest {

    @TempDir
    Path dataDir;

    private static AlarmReport.Alarm alarm(String name, AlarmState state, String reason) {
        return new AlarmReport.Alarm(name, state, reason, 0, "AWS/SQS", "ApproximateNumberOfMessagesVisible", Map.of("QueueName", "q"), 60,
                List.of(new AlarmReport.Datapoint(0, 1.0), new AlarmReport.Datapoint(60_000, null)));
    }

    @Test
    void eachAlarmWithItsStateAndReason() {
        new AlarmReport(10_000, 5_000, List.of(alarm("QueueAlarm", AlarmState.ALARM, "depth 1 > 0"),
                alarm("OtherAlarm", AlarmState.OK, "fine"))).write(dataDir);

        AlarmLines.Section section = AlarmLines.of(dataDir, 12_000);

        assertThat(section.firing()).isTrue();
        assertThat(section.stale()).isFalse();
        assertThat(section.lines()).contains("  QueueAlarm  ALARM              depth 1 > 0", "  OtherAlarm  OK                 fine");
    }

    @Test
    void aReportTheRuntimeStoppedWritingIsStale() {
        new AlarmReport(10_000, 5_000, List.of(alarm("A", AlarmState.ALARM, "x"))).write(dataDir);

        AlarmLines.Section section = AlarmLines.of(dataDir, 10_000 + 60_000);

        assertThat(section.stale()).isTrue();
        assertThat(section.firing()).isFalse();
        assertThat(section.lines()).singleElement().asString().contains("last evaluated 60 s ago");
    }

    @Test
    void noReportMeansNoRuntimeEvaluates() {
        AlarmLines.Section section = AlarmLines.of(dataDir, 0);

        assertThat(section.stale()).isTrue();
        assertThat(section.lines()).singleElement().asString().contains("not evaluated");
    }

    @Test
    void controlCharactersFromTheTemplateOrLogsAreShownEscaped() {
        new AlarmReport(10_000, 5_000, List.of(alarm("A", AlarmState.OK, "Service \u001b[31mred\u202e"))).write(dataDir);

        assertThat(AlarmLines.of(dataDir, 10_000).lines().get(1)).endsWith("Service \\u001b[31mred\\u202e").doesNotContain("\u001b");
    }
}
