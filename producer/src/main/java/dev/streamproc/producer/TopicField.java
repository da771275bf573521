package dev.streamproc.producer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Adds the contract's top-level {@code "topic"} field to a tweet's JSON while leaving every
 * other byte as the source returned it (docs/contracts.md section 1): the field is spliced in
 * before the closing brace instead of re-serialising the whole document.
 */
public final class TopicField {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TopicField() {
    }

    /**
     * @param json  one JSON object (leading/trailing whitespace allowed)
     * @param topic the topic; null leaves the document untouched
     * @return the object's bytes with {@code ,"topic":"..."} before its final brace;
     *         unchanged when topic is null or the object already has a topic
     * @throws IllegalArgumentException when json is not a JSON object
     */
    public static byte[] add(byte[] json, String topic) {
        JsonNode tree = parseObject(json);
        int end = lastNonWhitespace(json);
        int start = firstNonWhitespace(json);
        if (topic == null || tree.has("topic")) {
            return java.util.Arrays.copyOfRange(json, start, end + 1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + topic.length() + 16);
        out.write(json, start, end - start);
        if (!tree.isEmpty()) {
            out.write(',');
        }
        out.writeBytes("\"topic\":\"".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(topic));
        out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static JsonNode parseObject(byte[] json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return tree;
    }

    private static int lastNonWhitespace(byte[] b) {
        int i = b.length - 1;
        while (i >= 0 && isWhitespace(b[i])) {
            i--;
        }
        return i;
    }

    private static int firstNonWhitespace(byte[] b) {
        int i = 0;
        while (i < b.length && isWhitespace(b[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
