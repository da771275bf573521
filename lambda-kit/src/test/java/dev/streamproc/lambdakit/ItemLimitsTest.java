package dev.streamproc.lambdakit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Limits from the DynamoDB developer guide, "Service, account, and table quotas". */
class ItemLimitsTest {

    private static final List<String> KEYS = List.of("Name", "StatusTime");

    @Test
    void anOrdinaryItemPasses() {
        assertThat(ItemLimits.violation(item("Rocinante", "2026-11-29 18:00:00.000", "x"), KEYS)).isEmpty();
    }

    @Test
    void keyValuesAreLimitedInUtf8Bytes() {
        assertThat(ItemLimits.violation(item("é".repeat(1024), "t", "x"), KEYS)).isEmpty(); // 2048 bytes
        assertThat(ItemLimits.violation(item("é".repeat(1025), "t", "x"), KEYS)).hasValueSatisfying(
                reason -> assertThat(reason).contains("Name must be 1 to 2048 bytes, was 2050"));
        assertThat(ItemLimits.violation(item("n", "t".repeat(1025), "x"), KEYS)).hasValueSatisfying(
                reason -> assertThat(reason).contains("StatusTime must be 1 to 1024 bytes"));
        assertThat(ItemLimits.violation(item("", "t", "x"), KEYS)).isPresent();
    }

    @Test
    void theWholeItemIsLimitedTo400Kilobytes() {
        assertThat(ItemLimits.violation(item("n", "t", "x".repeat(400 * 1024)), KEYS)).hasValueSatisfying(
                reason -> assertThat(reason).contains("exceeds DynamoDB's 400 KB"));
    }

    private static Map<String, AttributeValue> item(String name, String time, String payload) {
        return Map.of("Name", AttributeValue.fromS(name), "StatusTime", AttributeValue.fromS(time),
                "Payload", AttributeValue.fromS(payload), "Distance", AttributeValue.fromN("1.5"));
    }
}
