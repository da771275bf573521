package dev.streamproc.producer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;

/** Topics become CloudWatch dimension values that Powertools (and CloudWatch) accept. */
class ProducerMetricsTest {

    @Test
    void anyTopicBecomesAValidDimensionValueThatDecodesBackToIt() {
        for (String topic : new String[] {"#Java", "Tokyo Marathon", "#رمضان_كريم", "#春节", OutgoingTweet.NO_TOPIC}) {
            String value = ProducerMetrics.topicDimension(topic);
            DimensionSet.of("Topic", value); // throws on whitespace or characters CloudWatch refuses
            assertThat(java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(topic);
        }
        assertThat(ProducerMetrics.topicDimension("#Java")).isEqualTo("%23Java");
    }
}
