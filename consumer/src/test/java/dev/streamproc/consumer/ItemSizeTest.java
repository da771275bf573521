package dev.streamproc.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemSizeTest {

    @Test
    void countsTextAsUtf8BytesIncludingSurrogatePairs() {
        String text = "aé日🚀";
        Map<String, Object> item = Map.of("M", text);

        assertThat(ItemSize.upperBoundBytes(item, true)).isEqualTo(1 + text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(ItemSize.upperBoundBytes(item, false)).isGreaterThanOrEqualTo(ItemSize.upperBoundBytes(item, true));
    }

    @Test
    void anItemJustUnderTheLimitInUtf8PassesEvenIfThreeBytesPerCharWouldNot() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("Username", "u");
        item.put("Message", "x".repeat(300 * 1024)); // 300 KB of ASCII, 900 KB by the quick bound
        item.put("Hashtags", List.of("a", "b"));

        assertThat(ItemSize.exceedsDynamoDbLimit(item)).isFalse();
        item.put("Message", "日".repeat(140 * 1024)); // 420 KB of UTF-8
        assertThat(ItemSize.exceedsDynamoDbLimit(item)).isTrue();
    }
}
