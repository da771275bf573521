package dev.streamproc.athena;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's operations part: every CloudWatch alarm watches a metric that a resource of this
 * stack emits, notifies the alarm topic, and takes its threshold from a parameter; every function has
 * its Errors and Throttles alarms; the dashboard is valid JSON. What each AWS service publishes:
 * Lambda (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html: Errors, Throttles,
 * Invocations, Duration; IteratorAge for stream event sources), SQS
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html,
 * dimension QueueName), Firehose (https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html:
 * DeliveryToS3.DataFreshness / .Success / .Records, dimension DeliveryStreamName). The functions' own EMF metrics:
 * namespace MetricsNamespace, dimension Service = the function's POWERTOOLS_SERVICE_NAME, and the name is a
 * string literal in that function's code.
 */
class OperationsTemplateTest {

    private static final CfnTemplate TEMPLATE = CfnTemplate.load();
    private static final Set<String> LAMBDA_METRICS = Set.of("Errors", "Throttles", "Invocations", "Duration");
    private static final Set<String> FIREHOSE_METRICS = Set.of("DeliveryToS3.DataFreshness", "DeliveryToS3.Success",
            "DeliveryToS3.Records");

    @Test
    void everyAlarmWatchesAMetricThatAResourceOfThisStackEmits() {
        Map<String, Map<String, Object>> alarms = TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm");
        assertThat(alarms).isNotEmpty();
        alarms.forEach((id, alarm) -> {
            Map<String, Object> p = CfnTemplate.map(alarm, "Properties");
            Object namespace = p.get("Namespace");
            String metric = (String) p.get("MetricName");
            Map<String, Object> dimension = CfnTemplate.asMap(CfnTemplate.list(p, "Dimensions").get(0));
            assertThat(CfnTemplate.list(p, "Dimensions")).as(id).hasSize(1);
            String dimensionName = (String) dimension.get("Name");
            Object value = dimension.get("Value");
            if ("AWS/Lambda".equals(namespace)) {
                assertThat(dimensionName).as(id).isEqualTo("FunctionName");
                String function = ref(value);
                assertThat(type(function)).as(id).isEqualTo("AWS::Serverless::Function");
                if (metric.equals("IteratorAge")) {
                    assertThat(eventTypes(function)).as(id + ": IteratorAge needs a stream event source").contains("Kinesis");
                } else {
                    assertThat(LAMBDA_METRICS).as(id).contains(metric);
                }
            } else if ("AWS/SQS".equals(namespace)) {
                assertThat(dimensionName).as(id).isEqualTo("QueueName");
                assertThat(metric).as(id).isEqualTo("ApproximateNumberOfMessagesVisible");
                List<?> getAtt = (List<?>) CfnTemplate.asMap(value).get("Fn::GetAtt");
                assertThat(type((String) getAtt.get(0))).as(id).isEqualTo("AWS::SQS::Queue");
                assertThat(getAtt.get(1)).as(id).isEqualTo("QueueName");
            } else if ("AWS/Firehose".equals(namespace)) {
                assertThat(dimensionName).as(id).isEqualTo("DeliveryStreamName");
                assertThat(type(ref(value))).as(id).isEqualTo("AWS::KinesisFirehose::DeliveryStream");
                assertThat(FIREHOSE_METRICS).as(id).contains(metric);
            } else {
                assertThat(ref(namespace)).as(id + ": the functions' EMF namespace").isEqualTo("MetricsNamespace");
                assertThat(dimensionName).as(id).isEqualTo("Service");
                String function = functionWithService((String) value);
                assertThat(codeLiterals(function)).as(id + ": " + metric + " is published by " + function)
                        .contains("\"" + metric + "\"");
            }
        });
    }

    @Test
    void everyAlarmNotifiesTheTopicAndTakesItsThresholdFromAParameter() {
        TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            Map<String, Object> p = CfnTemplate.map(alarm, "Properties");
            assertThat(CfnTemplate.list(p, "AlarmActions")).as(id).containsExactly(Map.of("Ref", "AlarmTopic"));
            assertThat(p).as(id).containsEntry("TreatMissingData", "notBreaching");
            if (!id.equals("ConsumerFailureQueueAlarm")) { // "a dropped batch" is always worth an alarm: depth > 0
                assertThat(TEMPLATE.parameters()).as(id).containsKey(ref(p.get("Threshold")));
            }
        });
        assertThat(type("AlarmTopic")).isEqualTo("AWS::SNS::Topic");
        assertThat(CfnTemplate.map(CfnTemplate.map(TEMPLATE.root(), "Resources"), "AlarmEmailSubscription"))
                .containsEntry("Condition", "HasAlarmEmail");
    }

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarm() {
        Set<String> watched = new HashSet<>();
        TEMPLATE.resourcesOfType("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            Map<String, Object> p = CfnTemplate.map(alarm, "Properties");
            if ("AWS/Lambda".equals(p.get("Namespace"))) {
                watched.add(p.get("MetricName") + " " + ref(CfnTemplate.asMap(CfnTemplate.list(p, "Dimensions").get(0)).get("Value")));
            }
        });
        for (String function : TEMPLATE.resourcesOfType("AWS::Serverless::Function").keySet()) {
            assertThat(watched).contains("Errors " + function, "Throttles " + function);
        }
    }

    @Test
    void theDashboardIsJsonOnceItsPlaceholdersAreFilledAndNamesOnlyStackResources() throws IOException {
        Map<String, Object> p = TEMPLATE.properties("PipelineDashboard");
        String body = (String) CfnTemplate.asMap(p.get("DashboardBody")).get("Fn::Sub");
        Set<String> placeholders = new HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^}]+)}").matcher(body);
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        for (String name : placeholders) {
            assertThat(name.startsWith("AWS::") || TEMPLATE.parameters().containsKey(name)
                    || CfnTemplate.map(TEMPLATE.root(), "Resources").containsKey(name)).as(name).isTrue();
        }
        JsonNode dashboard = new ObjectMapper().readTree(body.replaceAll("\\$\\{[^}]+}", "x"));
        assertThat(dashboard.get("widgets").size()).isGreaterThanOrEqualTo(6);
    }

    private static String ref(Object value) {
        Object ref = CfnTemplate.asMap(value).get("Ref");
        assertThat(ref).as("a Ref: " + value).isInstanceOf(String.class);
        return (String) ref;
    }

    private static String type(String logicalId) {
        return (String) CfnTemplate.map(CfnTemplate.map(TEMPLATE.root(), "Resources"), logicalId).get("Type");
    }

    private static Set<String> eventTypes(String function) {
        Set<String> types = new HashSet<>();
        Object events = TEMPLATE.properties(function).get("Events");
        if (events != null) {
            CfnTemplate.asMap(events).values().forEach(e -> types.add((String) CfnTemplate.asMap(e).get("Type")));
        }
        return types;
    }

    /** The function whose POWERTOOLS_SERVICE_NAME is {@code service}. */
    private static String functionWithService(String service) {
        List<String> found = new ArrayList<>();
        TEMPLATE.resourcesOfType("AWS::Serverless::Function").forEach((id, f) -> {
            Map<String, Object> variables = CfnTemplate.map(CfnTemplate.map(CfnTemplate.map(f, "Properties"),
                    "Environment"), "Variables");
            if (service.equals(variables.get("POWERTOOLS_SERVICE_NAME"))) {
                found.add(id);
            }
        });
        assertThat(found).as("functions with service " + service).hasSize(1);
        return found.get(0);
    }

    /**
     * The main Java sources of a function's CodeUri folder, concatenated; for a packaging module without code of its
     * own (put-records-producer), those of the project's modules it packages (its pom's dependencies).
     */
    private static String codeLiterals(String function) {
        Path module = RepoFiles.ROOT.resolve((String) TEMPLATE.properties(function).get("CodeUri"));
        List<Path> sources = new ArrayList<>();
        if (Files.isDirectory(module.resolve("src/main/java"))) {
            sources.add(module.resolve("src/main/java"));
        } else {
            try {
                java.util.regex.Matcher dependency = java.util.regex.Pattern
                        .compile("<groupId>dev\\.streamproc</groupId>\\s*<artifactId>([a-z-]+)</artifactId>")
                        .matcher(Files.readString(module.resolve("pom.xml")));
                while (dependency.find()) {
                    Path src = RepoFiles.ROOT.resolve(dependency.group(1)).resolve("src/main/java");
                    if (Files.isDirectory(src)) { // the parent pom is not a module with code
                        sources.add(src);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        StringBuilder all = new StringBuilder();
        for (Path src : sources) {
            try (Stream<Path> files = Files.walk(src)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    all.append(Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }
}
