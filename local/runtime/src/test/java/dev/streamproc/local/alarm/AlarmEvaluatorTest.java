package dev.streamproc.local.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CloudWatch's alarm evaluation, row by row from the CloudWatch user guide, "Using Amazon CloudWatch alarms" →
 * "Evaluating an alarm" and "How alarm state is evaluated when data is missing" (its two tables: 3 of 3 and 2 of 3, an
 * evaluation range of 5, the most recent datapoint on the right; 0 within the threshold, X breaching, - missing) and
 * "Avoiding premature transitions to alarm state".
 */
class AlarmEvaluatorTest {

    /** Threshold 3, GreaterThanThreshold: 0 is written as 1, X as 5. */
    private static AlarmDefinition alarm(int datapointsToAlarm, int evaluationPeriods, MissingData missing) {
        return new AlarmDefinition("A", "", MetricId.of("AWS/Lambda", "Errors", "FunctionName", "f"), Statistic.of("Sum", null), 300,
                evaluationPeriods, datapointsToAlarm, 3, Comparison.GreaterThanThreshold, missing, null);
    }

    private static List<Double> points(String pattern) {
        List<Double> values = new ArrayList<>();
        for (String p : pattern.trim().split("\\s+")) {
            values.add(switch (p) {
                case "0" -> 1.0;
                case "X" -> 5.0;
                case "-" -> null;
                default -> throw new IllegalArgumentException(p);
            });
        }
        return values;
    }

    private static AlarmState state(String pattern, int m, int n, MissingData missing, AlarmState previous) {
        return AlarmEvaluator.evaluate(alarm(m, n, missing), points(pattern), previous, "").state();
    }

    /** First table: Datapoints to Alarm 3, Evaluation Periods 3. "KEEP" is "Retain current state". */
    @ParameterizedTest(name = "3 of 3: {0}")
    @CsvSource({
            "0 - X - X, OK,                OK,   OK,    OK",
            "0 - - - -, OK,                OK,   OK,    OK",
            "- - - - -, INSUFFICIENT_DATA, KEEP, ALARM, OK",
            "0 X X - X, ALARM,             ALARM, ALARM, ALARM",
            "- - X - -, ALARM,             KEEP, ALARM, OK",
    })
    void threeOutOfThree(String pattern, String missing, String ignore, String breaching, String notBreaching) {
        assertRow(pattern, 3, 3, missing, ignore, breaching, notBreaching);
    }

    /** Second table: Datapoints to Alarm 2, Evaluation Periods 3 (an M out of N alarm). */
    @ParameterizedTest(name = "2 of 3: {0}")
    @CsvSource({
            "0 - X - X, ALARM,             ALARM, ALARM, ALARM",
            "0 0 X 0 X, ALARM,             ALARM, ALARM, ALARM",
            "0 - X - -, OK,                OK,   ALARM, OK",
            "- - - - 0, OK,                OK,   ALARM, OK",
            "- - - X -, ALARM,             KEEP, ALARM, OK",
    })
    void twoOutOfThree(String pattern, String missing, String ignore, String breaching, String notBreaching) {
        assertRow(pattern, 2, 3, missing, ignore, breaching, notBreaching);
    }

    private static void assertRow(String pattern, int m, int n, String missing, String ignore, String breaching, String notBreaching) {
        assertThat(state(pattern, m, n, MissingData.MISSING, AlarmState.OK)).as("missing").isEqualTo(AlarmState.valueOf(missing));
        assertThat(state(pattern, m, n, MissingData.BREACHING, AlarmState.OK)).as("breaching").isEqualTo(AlarmState.valueOf(breaching));
        assertThat(state(pattern, m, n, MissingData.NOT_BREACHING, AlarmState.ALARM)).as("notBreaching").isEqualTo(AlarmState.valueOf(notBreaching));
        for (AlarmState previous : AlarmState.values()) {
            AlarmState expected = ignore.equals("KEEP") ? previous : AlarmState.valueOf(ignore);
            assertThat(state(pattern, m, n, MissingData.IGNORE, previous)).as("ignore, was %s", previous).isEqualTo(expected);
        }
    }

    @Test
    void aBreachTooRecentToJudgeIsNotAPrematureAlarm() {
        // "Avoiding premature transitions": - - - - X and - - - X - do not alarm a 3 of 3 alarm yet
        assertThat(state("- - - - X", 3, 3, MissingData.MISSING, AlarmState.OK)).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        assertThat(state("- - - X -", 3, 3, MissingData.MISSING, AlarmState.OK)).isEqualTo(AlarmState.INSUFFICIENT_DATA);
        // ... and the next datapoint within the threshold settles it
        assertThat(state("- - - X 0", 3, 3, MissingData.MISSING, AlarmState.OK)).isEqualTo(AlarmState.OK);
    }

    @Test
    void enoughRealDatapointsMakeTheMissingDataSettingIrrelevant() {
        for (MissingData missing : MissingData.values()) {
            assertThat(state("X - X X -", 3, 3, missing, AlarmState.OK)).as("%s", missing).isEqualTo(AlarmState.ALARM);
            assertThat(state("X - 0 X X", 3, 3, missing, AlarmState.ALARM)).as("%s", missing).isEqualTo(AlarmState.OK);
        }
    }

    @Test
    void eachComparisonOperatorAgainstItsThreshold() {
        // PutMetricAlarm: ComparisonOperator compares the statistic with the threshold, the statistic on the left
        assertThat(Comparison.GreaterThanThreshold.breaches(3, 3)).isFalse();
        assertThat(Comparison.GreaterThanOrEqualToThreshold.breaches(3, 3)).isTrue();
        assertThat(Comparison.LessThanThreshold.breaches(3, 3)).isFalse();
        assertThat(Comparison.LessThanOrEqualToThreshold.breaches(3, 3)).isTrue();
        assertThat(Comparison.LessThanThreshold.breaches(0.5, 1)).isTrue();
    }

    @Test
    void theReasonSaysTheFigureTheWindowAndTheThreshold() {
        AlarmDefinition iteratorAge = new AlarmDefinition("ConsumerIteratorAgeAlarm", "", MetricId.of("AWS/Lambda", "IteratorAge",
                "FunctionName", "f"), Statistic.of("Maximum", null), 60, 1, 1, 60_000, Comparison.GreaterThanThreshold, MissingData.NOT_BREACHING, null);

        AlarmEvaluator.Evaluation ok = AlarmEvaluator.evaluate(iteratorAge, List.of(800.0, 900.0, 1240.0), AlarmState.INSUFFICIENT_DATA, "ms");
        AlarmEvaluator.Evaluation alarm = AlarmEvaluator.evaluate(iteratorAge, List.of(800.0, 900.0, 61_000.0), AlarmState.OK, "ms");

        assertThat(ok.state()).isEqualTo(AlarmState.OK);
        assertThat(ok.reason()).isEqualTo("IteratorAge Maximum 1,240 ms over 1×60 s  <= threshold 60,000 (0 of 1 breaching, 1 to alarm)");
        assertThat(alarm.state()).isEqualTo(AlarmState.ALARM);
        assertThat(alarm.reason()).startsWith("IteratorAge Maximum 61,000 ms over 1×60 s  > threshold 60,000");
    }

    @Test
    void noDatapointWithNotBreachingIsOkAndSaysSo() {
        AlarmEvaluator.Evaluation e = AlarmEvaluator.evaluate(alarm(1, 1, MissingData.NOT_BREACHING), points("- - -"), AlarmState.INSUFFICIENT_DATA, "");

        assertThat(e.state()).isEqualTo(AlarmState.OK);
        assertThat(e.reason()).contains("no datapoint in the last 3×300 s").contains("missing data notBreaching");
    }

    @Test
    void dynamoDbAlarmsAlwaysIgnoreMissingData() {
        // PutMetricAlarm API reference, TreatMissingData: AWS/DynamoDB alarms remain in their current state
        AlarmDefinition dynamo = new AlarmDefinition("D", "", new MetricId("AWS/DynamoDB", "ThrottledRequests", Map.of("TableName", "t")),
                Statistic.of("Sum", null), 60, 1, 1, 0, Comparison.GreaterThanThreshold, MissingData.BREACHING, null);

        assertThat(AlarmEvaluator.evaluate(dynamo, points("- - -"), AlarmState.OK, "").state()).isEqualTo(AlarmState.OK);
    }
}
