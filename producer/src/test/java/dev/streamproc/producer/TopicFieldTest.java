package dev.streamproc.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TopicFieldTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theTopicIsAddedAsTheLastFieldAndEverythingElseKeepsItsBytes() {
        String tweet = "{\"id_str\":\"1\",\"coordinates\":[1.50, -0.0001E3],\"text\":\"caf\\u00e9 🔥\"}";
        assertThat(new String(TopicField.add(utf8(tweet), "#月曜日"), StandardCharsets.UTF_8))
                .isEqualTo("{\"id_str\":\"1\",\"coordinates\":[1.50, -0.0001E3],\"text\":\"caf\\u00e9 🔥\",\"topic\":\"#月曜日\"}");
    }

    @Test
    void quotesInTopicsAreEscaped() {
        assertThat(new String(TopicField.add(utf8("{\"id\":1}\n"), "say \"hi\""), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":1,\"topic\":\"say \\\"hi\\\"\"}");
    }

    @Test
    void anExistingTopicOrNoTopicLeavesTheDocumentAlone() {
        assertThat(TopicField.add(utf8(" {\"id\":1,\"topic\":\"a\"} "), "b")).isEqualTo(utf8("{\"id\":1,\"topic\":\"a\"}"));
        assertThat(TopicField.add(utf8("{\"id\":1}"), null)).isEqualTo(utf8("{\"id\":1}"));
        assertThat(TopicField.add(utf8("{}"), "t")).isEqualTo(utf8("{\"topic\":\"t\"}"));
    }

    @Test
    void somethingOtherThanAJsonObjectIsRefused() {
        assertThatThrownBy(() -> TopicField.add(utf8("[1,2]"), "t")).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> TopicField.add(utf8("{\"id\":"), "t")).hasMessageContaining("not valid JSON");
    }
}
