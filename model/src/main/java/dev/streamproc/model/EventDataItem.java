package dev.streamproc.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One item of the EventData table (docs/contracts.md §2): the single place a {@link Tweet} becomes an item.
 * Key: {@code Username} (partition) + {@code Id} (sort), so a redelivered tweet overwrites its own item.
 */
public record EventDataItem(
        String username,
        String id,
        String timestamp,
        String message,
        String lang,
        List<String> hashtags,
        long retweetCount,
        long favoriteCount,
        boolean isRetweet,
        String topic,
        String shardId,
        String sequenceNumber,
        long subSequenceNumber) {

    public static EventDataItem from(Tweet tweet, RecordLineage lineage) {
        return new EventDataItem(
                tweet.username(),
                tweet.id(),
                TwitterTime.isoSeconds(tweet.createdAt()),
                tweet.text(),
                tweet.lang(),
                tweet.hashtags(),
                tweet.retweetCount(),
                tweet.favoriteCount(),
                tweet.retweet(),
                tweet.topic(),
                lineage.shardId(),
                lineage.sequenceNumber(),
                lineage.subSequenceNumber());
    }

    /**
     * Attribute name to value, in the contract's order. Values are {@link String} (S), {@link Long} (N),
     * {@link Boolean} (BOOL) or {@code List<String>} (L of S). {@code Topic} is left out when absent so the
     * sparse {@code ByTopic} index holds only tweets that have one.
     */
    public Map<String, Object> attributes() {
        Map<String, Object> attributes = new LinkedHashMap<>(20);
        attributes.put("Username", username);
        attributes.put("Id", id);
        attributes.put("Timestamp", timestamp);
        attributes.put("Message", message);
        attributes.put("Lang", lang);
        attributes.put("Hashtags", hashtags);
        attributes.put("RetweetCount", retweetCount);
        attributes.put("FavoriteCount", favoriteCount);
        attributes.put("IsRetweet", isRetweet);
        if (topic != null) {
            attributes.put("Topic", topic);
        }
        attributes.put("ShardId", shardId);
        attributes.put("SequenceNumber", sequenceNumber);
        attributes.put("SubSequenceNumber", subSequenceNumber);
        return attributes;
    }
}
