package dev.streamproc.producer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Kinesis user record as the producer sends it: the tweet JSON (with its
 * {@code "topic"} field already added), its partition key (the tweet id) and the topic.
 *
 * @param topic        the trend that led to the tweet; null for stream notices (deletes) and topic-less replays
 * @param partitionKey the tweet id ({@code id_str}); for a delete notice, the deleted tweet's id
 * @param data         UTF-8 JSON exactly as written to the stream
 */
public record OutgoingTweet(String topic, String partitionKey, byte[] data) {

    public OutgoingTweet {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        if (partitionKey.isEmpty()) {
            throw new IllegalArgumentException("empty partition key");
        }
    }

    public String json() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Name used in per-topic counts: the topic, or "(none)". */
    public String topicLabel() {
        return topic == null ? NO_TOPIC : topic;
    }

    public static final String NO_TOPIC = "(none)";

    @Override
    public boolean equals(Object o) {
        return o instanceof OutgoingTweet other
                && Objects.equals(topic, other.topic)
                && partitionKey.equals(other.partitionKey)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partitionKey, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "OutgoingTweet[" + partitionKey + ", topic=" + topic + ", " + data.length + " bytes]";
    }
}
