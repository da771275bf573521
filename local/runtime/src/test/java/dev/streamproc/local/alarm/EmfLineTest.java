package dev.streamproc.local.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Metrics from log lines in the embedded metric format (CloudWatch user guide, "Specification: Embedded metric format":
 * the {@code _aws} metadata, dimension sets, values as root members, arrays of values).
 */
class EmfLineTest {

    @Test
    void aPowertoolsLineOfTheProducerGivesOneSamplePerMetric() {
        // as the producer writes it (Powertools metrics: one dimension set, Service)
        String line = "{\"_aws\":{\"Timestamp\":1795982268548,\"CloudWatchMetrics\":[{\"Namespace\":\"StreamProcessing\",\"Dimensions\":[[\"Service\"]],"
                + "\"Metrics\":[{\"Name\":\"RecordsFailed\",\"Unit\":\"Count\"},{\"Name\":\"RecordsSent\",\"Unit\":\"Count\"}]}]},"
                + "\"RecordsFailed\":2.0,\"RecordsSent\":98.0,\"Service\":\"producer\",\"function_request_id\":\"abc\"}";

        assertThat(EmfLine.parse(line)).containsExactlyInAnyOrder(
                new EmfLine.Sample(new MetricId("StreamProcessing", "RecordsFailed", Map.of("Service", "producer")), 1795982268548L, 2.0, "Count"),
                new EmfLine.Sample(new MetricId("StreamProcessing", "RecordsSent", Map.of("Service", "producer")), 1795982268548L, 98.0, "Count"));
    }

    @Test
    void everyDimensionSetAndEveryValueOfAnArray() {
        String line = "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"N\",\"Dimensions\":[[\"Service\"],[\"Service\",\"Topic\"]],"
                + "\"Metrics\":[{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]}]},\"Latency\":[5,7],\"Service\":\"s\",\"Topic\":\"t\"}";

        assertThat(EmfLine.parse(line)).hasSize(4).extracting(EmfLine.Sample::metric).containsOnly(
                new MetricId("N", "Latency", Map.of("Service", "s")), new MetricId("N", "Latency", Map.of("Service", "s", "Topic", "t")));
    }

    @Test
    void linesThatAreNotEmfGiveNothing() {
        assertThat(EmfLine.parse("START RequestId: 1 Version: $LATEST")).isEmpty();
        assertThat(EmfLine.parse("{\"level\":\"INFO\",\"message\":\"_aws\"}")).isEmpty();
        assertThat(EmfLine.parse("{\"_aws\": broken")).isEmpty();
        assertThat(EmfLine.parse("{\"_aws\":{\"CloudWatchMetrics\":[]}}")).isEmpty(); // no Timestamp
    }
}
