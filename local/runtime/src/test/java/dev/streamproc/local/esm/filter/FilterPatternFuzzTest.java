package dev.streamproc.local.esm.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of the filter-pattern parser (Jazzer): any text given as a mapping's {@code Pattern} is a
 * filter, or the {@link IllegalArgumentException} that refuses the mapping at start-up with a reason — never another
 * exception, a stack overflow or a hang; a filter that parsed then answers for any record without throwing.
 */
class FilterPatternFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records as a Kinesis mapping filters them: the decoded data under {@code data}, beside the record's metadata. */
    private static final List<JsonNode> RECORDS = List.of(
            tree("{\"partitionKey\":\"1\",\"data\":{\"id_str\":\"1\",\"lang\":\"en\",\"retweet_count\":3,\"topic\":\"fuzz\","
                    + "\"user\":{\"screen_name\":\"a\",\"followers_count\":1.5e3},\"entities\":{\"hashtags\":[{\"text\":\"x\"},{\"text\":\"y\"}]}}}"),
            tree("{\"partitionKey\":\"2\",\"data\":\"not json, kept as a string\"}"),
            tree("{\"partitionKey\":\"3\",\"data\":{\"a\":null,\"b\":[],\"c\":[1,\"1\",true,{\"d\":-0.0}],\"n\":-9223372036854775809,\"retweet_count\":-1e999}}"));

    @FuzzTest(maxDuration = "5s")
    void parse(byte[] pattern) {
        FilterCriteria filter;
        try {
            filter = FilterCriteria.of(List.of(new String(pattern, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(filter.isEmpty()).isFalse();
        for (JsonNode record : RECORDS) {
            filter.matches(record);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
