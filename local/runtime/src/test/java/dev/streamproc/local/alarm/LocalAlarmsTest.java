package dev.streamproc.local.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.template.Template;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's alarm loop on a small template: figures recorded into the store are evaluated per period, state
 * changes are remembered, the report is written, and a metric no local part emits is INSUFFICIENT_DATA with that reason.
 */
class LocalAlarmsTest {

    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Parameters:
              Limit: {Type: Number, Default: 0}
            Resources:
              Failures:
                Type: AWS::SQS::Queue
              DepthAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/SQS
                  MetricName: ApproximateNumberOfMessagesVisible
                  Dimensions: [{Name: QueueName, Value: !GetAtt Failures.QueueName}]
                  Statistic: Maximum
                  Period: 60
                  EvaluationPeriods: 1
                  Threshold: !Ref Limit
                  ComparisonOperator: GreaterThanThreshold
                  TreatMissingData: notBreaching
              CpuAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/EC2
                  MetricName: CPUUtilization
                  Dimensions: [{Name: InstanceId, Value: i-0123}]
                  Statistic: Average
                  Period: 300
                  EvaluationPeriods: 1
                  Threshold: 90
                  ComparisonOperator: GreaterThanThreshold
                  TreatMissingData: notBreaching
              CustomAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: Custom
                  MetricName: Failed
                  Statistic: Sum
                  Period: 60
                  EvaluationPeriods: 1
                  Threshold: 0
                  ComparisonOperator: GreaterThanThreshold
            """;

    @TempDir
    Path dataDir;

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L - 1_800_000_000_000L % 60_000 + 5_000);
    private final MetricStore store = new MetricStore(3_600_000);

    private LocalAlarms alarms() {
        Template template = Template.parse(dataDir.resolve("template.yaml"), TEMPLATE, Template.Options.defaults());
        LocalFigures figures = LocalFigures.start(template, new LocalAlarms.Parts(null, List.of(), List.of(), null), store, dataDir);
        return new LocalAlarms(AlarmDefinition.of(template), store, figures, dataDir, new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        });
    }

    @Test
    void aDepthAboveTheThresholdInThePeriodInProgressAlarmsAndTheReportSaysSo() {
        LocalAlarms alarms = alarms();
        MetricId depth = new MetricId("AWS/SQS", "ApproximateNumberOfMessagesVisible", Map.of("QueueName", queueName()));
        store.record(depth, now.get(), 0, "Count");

        AlarmReport first = alarms.evaluate();
        now.addAndGet(5_000);
        store.record(depth, now.get(), 2, "Count");
        AlarmReport second = alarms.evaluate();

        assertThat(alarm(first, "DepthAlarm").state()).isEqualTo(AlarmState.OK);
        AlarmReport.Alarm firing = alarm(second, "DepthAlarm");
        assertThat(firing.state()).isEqualTo(AlarmState.ALARM);
        assertThat(firing.reason()).isEqualTo("ApproximateNumberOfMessagesVisible Maximum 2 over 1×60 s  > threshold 0 (1 of 1 breaching, 1 to alarm)");
        assertThat(firing.stateSince()).isEqualTo(now.get());
        assertThat(firing.datapoints()).last().extracting(AlarmReport.Datapoint::value).isEqualTo(2.0);
        assertThat(AlarmReport.read(dataDir)).get().extracting(r -> alarm(r, "DepthAlarm").state()).isEqualTo(AlarmState.ALARM);
    }

    @Test
    void aStateKeepsTheTimeItBegan() {
        LocalAlarms alarms = alarms();
        long began = now.get();
        alarms.evaluate();
        now.addAndGet(5_000);

        assertThat(alarm(alarms.evaluate(), "DepthAlarm").stateSince()).isEqualTo(began);
    }

    @Test
    void noFigureYetIsMissingDataTreatedAsTheAlarmSays() {
        AlarmReport report = alarms().evaluate();

        // the queue depth is measured locally but nothing sampled it here: missing, notBreaching -> OK
        assertThat(alarm(report, "DepthAlarm").state()).isEqualTo(AlarmState.OK);
        assertThat(alarm(report, "DepthAlarm").reason()).contains("no datapoint", "missing data notBreaching");
        // a custom metric no function wrote yet: missing data (the default) -> INSUFFICIENT_DATA
        assertThat(alarm(report, "CustomAlarm").state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
    }

    @Test
    void aMetricNoLocalPartEmitsIsInsufficientDataWithTheReasonNeverAMadeUpValue() {
        AlarmReport.Alarm cpu = alarm(alarms().evaluate(), "CpuAlarm");

        assertThat(cpu.state()).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        assertThat(cpu.reason()).isEqualTo("not measured locally: no local part emits AWS/EC2 metrics");
        assertThat(cpu.datapoints()).isEmpty();
    }

    @Test
    void theLastCompletePeriodCountsUntilThePeriodInProgressHasADatapoint() {
        LocalAlarms alarms = alarms();
        MetricId custom = new MetricId("Custom", "Failed", Map.of());
        store.record(custom, now.get(), 3, "Count");
        now.addAndGet(60_000); // the next minute, nothing written in it yet

        AlarmReport.Alarm alarm = alarm(alarms.evaluate(), "CustomAlarm");

        assertThat(alarm.state()).isEqualTo(AlarmState.ALARM);
        assertThat(alarm.datapoints()).last().extracting(AlarmReport.Datapoint::value).isEqualTo(3.0);
    }

    private String queueName() {
        return Template.parse(dataDir.resolve("template.yaml"), TEMPLATE, Template.Options.defaults()).physicalName("Failures");
    }

    private static AlarmReport.Alarm alarm(AlarmReport report, String name) {
        return report.alarms().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }
}
