package dev.streamproc.producer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * One run's counts as CloudWatch metrics (EMF through Powertools), in the namespace the template
 * sets ({@code POWERTOOLS_METRICS_NAMESPACE}) with the function's {@code Service} dimension:
 * {@code RecordsSent}, {@code RecordsFailed}, {@code RecordsRejected}, {@code PossibleDuplicates},
 * and per topic {@code TopicRecordsSent} / {@code TopicRecordsFailed} with a {@code Topic} dimension
 * ({@link #topicDimension}).
 * template.yaml's ProducerFailuresAlarm watches {@code RecordsFailed}.
 */
final class ProducerMetrics {

    static final String SENT = "RecordsSent";
    static final String FAILED = "RecordsFailed";
    static final String REJECTED = "RecordsRejected";
    static final String POSSIBLE_DUPLICATES = "PossibleDuplicates";

    private ProducerMetrics() {
    }

    /**
     * A topic as a CloudWatch dimension value: CloudWatch (and Powertools' check) take printable ASCII without
     * whitespace, topics are any text ("Tokyo Marathon", "#رمضان_كريم"): URL-encoded, UTF-8, at most 1024 characters.
     */
    static String topicDimension(String topic) {
        String encoded = URLEncoder.encode(topic, StandardCharsets.UTF_8);
        return encoded.length() <= 1024 ? encoded : encoded.substring(0, 1024);
    }

    static void publish(Metrics metrics, ProducerReport report) {
        metrics.addMetric(SENT, report.sent(), MetricUnit.COUNT);
        metrics.addMetric(FAILED, report.failed(), MetricUnit.COUNT);
        metrics.addMetric(REJECTED, report.rejected(), MetricUnit.COUNT);
        metrics.addMetric(POSSIBLE_DUPLICATES, report.possibleDuplicates(), MetricUnit.COUNT);
        metrics.flush();
        for (Map.Entry<String, ProducerReport.TopicCounts> topic : report.perTopic().entrySet()) {
            DimensionSet dimensions = DimensionSet.of("Topic", topicDimension(topic.getKey()));
            metrics.flushMetrics(m -> {
                m.addDimension(dimensions);
                m.addMetric("TopicRecordsSent", topic.getValue().sent(), MetricUnit.COUNT);
                m.addMetric("TopicRecordsFailed", topic.getValue().failed(), MetricUnit.COUNT);
            });
        }
    }
}
