package dev.streamproc.local.alarm;

import dev.streamproc.local.cloud.template.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code AWS::CloudWatch::Alarm} of the template, its properties resolved (Refs to parameters and resources).
 *
 * @param name        the logical id (CloudFormation names the alarm after it)
 * @param unsupported why the alarm cannot be evaluated locally (metric math, anomaly bands), else null; the other
 *                    fields may then be null
 */
public record AlarmDefinition(String name, String description, MetricId metric, Statistic statistic, int periodSeconds,
                              int evaluationPeriods, int datapointsToAlarm, double threshold, Comparison comparison,
                              MissingData treatMissingData, String unsupported) {

    /** Every alarm of the template, in template order. */
    public static List<AlarmDefinition> of(Template template) {
        List<AlarmDefinition> alarms = new ArrayList<>();
        for (Template.Resource resource : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            alarms.add(of(resource.logicalId(), resource.properties()));
        }
        return alarms;
    }

    /** An alarm from its resolved properties; what cannot be evaluated locally is said in {@link #unsupported()}. */
    public static AlarmDefinition of(String logicalId, Map<String, Object> p) {
        String description = p.get("AlarmDescription") == null ? "" : String.valueOf(p.get("AlarmDescription"));
        if (p.get("Metrics") != null) {
            return unsupported(logicalId, description, "metric math (Metrics) is not evaluated locally");
        }
        Comparison comparison = Comparison.parse(string(p, "ComparisonOperator"));
        if (comparison == null || p.get("ThresholdMetricId") != null) {
            return unsupported(logicalId, description, "ComparisonOperator " + p.get("ComparisonOperator") + " (anomaly detection) is not evaluated locally");
        }
        try {
            Map<String, String> dimensions = new LinkedHashMap<>();
            if (p.get("Dimensions") instanceof List<?> list) {
                for (Object d : list) {
                    Map<?, ?> dimension = (Map<?, ?>) d;
                    dimensions.put(String.valueOf(dimension.get("Name")), String.valueOf(dimension.get("Value")));
                }
            }
            MetricId metric = new MetricId(required(p, "Namespace"), required(p, "MetricName"), dimensions);
            Statistic statistic = Statistic.of(string(p, "Statistic"), string(p, "ExtendedStatistic"));
            int period = integer(p, "Period");
            if (period != 10 && period != 20 && period != 30 && period % 60 != 0) {
                throw new IllegalArgumentException("Period must be 10, 20, 30 or a multiple of 60, not " + period);
            }
            int evaluationPeriods = integer(p, "EvaluationPeriods");
            int datapointsToAlarm = p.get("DatapointsToAlarm") == null ? evaluationPeriods : integer(p, "DatapointsToAlarm");
            if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
                throw new IllegalArgumentException("DatapointsToAlarm must be 1 to EvaluationPeriods (" + evaluationPeriods + "), not " + datapointsToAlarm);
            }
            double threshold = Double.parseDouble(required(p, "Threshold"));
            return new AlarmDefinition(logicalId, description, metric, statistic, period, evaluationPeriods, datapointsToAlarm, threshold,
                    comparison, MissingData.of(string(p, "TreatMissingData")), null);
        } catch (RuntimeException e) {
            return unsupported(logicalId, description, "cannot read the alarm: " + e.getMessage());
        }
    }

    private static AlarmDefinition unsupported(String name, String description, String why) {
        return new AlarmDefinition(name, description, null, null, 0, 0, 0, 0, null, MissingData.MISSING, why);
    }

    private static String string(Map<String, Object> p, String key) {
        Object value = p.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static String required(Map<String, Object> p, String key) {
        String value = string(p, key);
        if (value == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value;
    }

    private static int integer(Map<String, Object> p, String key) {
        String value = required(p, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not " + value);
        }
    }

    /** AWS/DynamoDB alarms always ignore missing data, whatever TreatMissingData says (PutMetricAlarm API reference). */
    public MissingData effectiveMissingData() {
        return metric != null && metric.namespace().equals("AWS/DynamoDB") ? MissingData.IGNORE : treatMissingData;
    }

    /**
     * How many periods are read to evaluate: more than EvaluationPeriods, so that missing datapoints can be skipped.
     * The user guide's examples read 5 for 3 evaluation periods; locally the range is EvaluationPeriods + 2.
     */
    public int evaluationRange() {
        return evaluationPeriods + 2;
    }
}
