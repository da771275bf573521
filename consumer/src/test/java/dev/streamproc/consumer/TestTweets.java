package dev.streamproc.consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Generated v1.1 statuses for batches bigger than the hand-written fixtures. */
final class TestTweets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTweets() {
    }

    /** A v1.1 status with tweet id {@code id} by {@code user}, text and topic as given. */
    static byte[] status(long id, String user, String text, String topic) {
        return status(Long.toString(id), user, text, topic);
    }

    /** A v1.1 status whose {@code id_str} is any text (ids beyond a long, empty ones). */
    static byte[] status(String idStr, String user, String text, String topic) {
        ObjectNode status = JSON.createObjectNode();
        status.put("created_at", "Sun Aug 31 00:29:15 +0000 2014");
        status.put("id_str", idStr);
        status.put("text", text);
        ObjectNode author = status.putObject("user");
        author.put("id_str", "42" + user.length());
        author.put("screen_name", user);
        author.put("name", user.toUpperCase());
        author.put("followers_count", 10);
        status.put("retweet_count", 1);
        status.put("favorite_count", 2);
        status.putObject("entities").putArray("hashtags").addObject().put("text", "Stream");
        status.put("lang", "en");
        if (topic != null) {
            status.put("topic", topic);
        }
        try {
            return JSON.writeValueAsString(status).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] status(long id) {
        return status(id, "user" + (id % 7), "tweet number " + id + " #stream", "#stream");
    }
}
