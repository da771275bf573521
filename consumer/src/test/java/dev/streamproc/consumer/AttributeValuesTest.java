package dev.streamproc.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class AttributeValuesTest {

    @Test
    void mapsTheModelsValueTypesToDynamoDbTypes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("Username", "alice");
        attributes.put("RetweetCount", 12L);
        attributes.put("IsRetweet", true);
        attributes.put("Hashtags", List.of("aws", "日本"));
        attributes.put("Topic", null);

        Map<String, AttributeValue> item = AttributeValues.of(attributes);

        assertThat(item).containsExactly(
                Map.entry("Username", AttributeValue.fromS("alice")),
                Map.entry("RetweetCount", AttributeValue.fromN("12")),
                Map.entry("IsRetweet", AttributeValue.fromBool(true)),
                Map.entry("Hashtags", AttributeValue.fromL(List.of(AttributeValue.fromS("aws"), AttributeValue.fromS("日本")))));
    }

    @Test
    void anEmptyHashtagListStaysAnEmptyList() {
        assertThat(AttributeValues.valueOf(List.of())).isEqualTo(AttributeValue.fromL(List.of()));
    }
}
