package dev.streamproc.local.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.local.cloud.process.RepoRoot;
import dev.streamproc.local.cloud.template.Template;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The alarms of template.yaml as the local runtime reads them: every property resolved, Refs to parameters included. */
class AlarmDefinitionTest {

    private final Template template = Template.load(RepoRoot.find().resolve("template.yaml"));
    private final List<AlarmDefinition> alarms = AlarmDefinition.of(template);

    @Test
    void everyAlarmOfTheTemplateIsEvaluableLocally() {
        assertThat(alarms).hasSize(template.resourcesOfType("AWS::CloudWatch::Alarm").size()).isNotEmpty();
        assertThat(alarms).allSatisfy(a -> assertThat(a.unsupported()).as(a.name()).isNull());
    }

    @Test
    void theIteratorAgeAlarmWithItsParameterAndFunctionName() {
        AlarmDefinition iteratorAge = alarm("ConsumerIteratorAgeAlarm");

        assertThat(iteratorAge.metric()).isEqualTo(new MetricId("AWS/Lambda", "IteratorAge",
                Map.of("FunctionName", template.function("ConsumerFunction").functionName())));
        assertThat(iteratorAge.statistic()).isEqualTo(new Statistic("Maximum", null));
        assertThat(iteratorAge.threshold()).isEqualTo(60_000); // ConsumerIteratorAgeThresholdMs' default
        assertThat(iteratorAge.periodSeconds()).isEqualTo(60);
        assertThat(iteratorAge.evaluationPeriods()).isEqualTo(5);
        assertThat(iteratorAge.datapointsToAlarm()).isEqualTo(3);
        assertThat(iteratorAge.comparison()).isEqualTo(Comparison.GreaterThanThreshold);
        assertThat(iteratorAge.treatMissingData()).isEqualTo(MissingData.NOT_BREACHING);
    }

    @Test
    void theQueueAlarmNamesTheQueueAndDatapointsToAlarmDefaultsToEvaluationPeriods() {
        AlarmDefinition queue = alarm("ConsumerFailureQueueAlarm");

        assertThat(queue.metric().dimensions()).containsEntry("QueueName", template.physicalName("ConsumerFailureQueue"));
        assertThat(queue.datapointsToAlarm()).isEqualTo(queue.evaluationPeriods()).isEqualTo(1);
    }

    @Test
    void theProducersEmfAlarmUsesTheNamespaceParameter() {
        AlarmDefinition failed = alarm("ProducerFailedRecordsAlarm");

        assertThat(failed.metric()).isEqualTo(new MetricId(String.valueOf(template.parameters().get("MetricsNamespace")), "RecordsFailed",
                Map.of("Service", "producer")));
        assertThat(failed.statistic().name()).isEqualTo("Sum");
    }

    @Test
    void whatCannotBeEvaluatedLocallySaysWhy() {
        assertThat(AlarmDefinition.of("Math", Map.of("Metrics", List.of(Map.of("Id", "m1")), "ComparisonOperator", "GreaterThanThreshold"))
                .unsupported()).contains("metric math");
        assertThat(AlarmDefinition.of("Band", Map.of("ComparisonOperator", "LessThanLowerOrGreaterThanUpperThreshold")).unsupported())
                .contains("anomaly detection");
        assertThat(AlarmDefinition.of("NoPeriod", Map.of("Namespace", "N", "MetricName", "M", "Statistic", "Sum", "EvaluationPeriods", 1,
                "Threshold", 1, "ComparisonOperator", "GreaterThanThreshold")).unsupported()).isEqualTo("cannot read the alarm: Period is missing");
        assertThat(AlarmDefinition.of("Tm", Map.of("Namespace", "N", "MetricName", "M", "ExtendedStatistic", "tm90", "Period", 60,
                "EvaluationPeriods", 1, "Threshold", 1, "ComparisonOperator", "GreaterThanThreshold")).unsupported()).contains("tm90");
    }

    private AlarmDefinition alarm(String name) {
        return alarms.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }
}
