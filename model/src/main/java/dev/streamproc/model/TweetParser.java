package dev.streamproc.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the bytes of one stream record into a {@link Tweet}, a stream notice, or a rejection.
 *
 * <p>Accepts a Twitter API v1.1 status (streaming, REST or search shape, classic or extended mode) and an X API v2
 * tweet, bare or as {@code {"data":...,"includes":{"users":[...]}}}. Thread-safe: all state is immutable.
 */
public final class TweetParser {

    /** Kinesis' maximum record size: nothing larger can be a record we produced. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    /** Top-level keys of v1.1 streaming notices, and v2's error-only payloads. */
    private static final Set<String> NOTICE_KINDS = Set.of(
            "delete", "limit", "scrub_geo", "status_withheld", "user_withheld", "disconnect", "warning",
            "friends", "friends_str", "event", "for_user", "control", "errors");

    private TweetParser() {
    }

    public static ParseResult parse(byte[] utf8) {
        if (utf8 == null || utf8.length == 0) {
            return new ParseResult.Rejected("empty record");
        }
        if (utf8.length > MAX_RECORD_BYTES) {
            return new ParseResult.Rejected("record too large: " + utf8.length + " bytes, limit " + MAX_RECORD_BYTES);
        }
        int invalid = Utf8.firstInvalidByte(utf8);
        if (invalid >= 0) {
            return new ParseResult.Rejected("invalid UTF-8 at byte " + invalid);
        }
        JsonNode root;
        try {
            root = SelectiveTreeReader.read(utf8);
        } catch (JsonProcessingException e) {
            return new ParseResult.Rejected("malformed JSON at offset " + offsetOf(e.getLocation()));
        } catch (IOException e) {
            return new ParseResult.Rejected("malformed JSON: " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) {
            return new ParseResult.Rejected("not a tweet: JSON " + (root == null ? "is empty" : "is not an object"));
        }
        return interpret(root);
    }

    private static ParseResult interpret(JsonNode root) {
        JsonNode data = root.get("data");
        if (data != null && data.isObject()) {
            return V2.parse(data, root.get("includes"), topicOf(root, data));
        }
        if (!root.has("id") && !root.has("id_str")) {
            String kind = noticeKind(root);
            return kind != null ? new ParseResult.Notice(kind) : new ParseResult.Rejected("not a tweet: no id");
        }
        JsonNode user = root.get("user");
        if (user != null && user.isObject()) {
            return V1.parse(root, topicOf(root, null));
        }
        if (root.has("author_id") || root.has("edit_history_tweet_ids") || root.has("public_metrics")) {
            return V2.parse(root, null, topicOf(root, null));
        }
        return new ParseResult.Rejected("not a tweet: no user or author_id");
    }

    private static String noticeKind(JsonNode root) {
        var names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (NOTICE_KINDS.contains(name)) {
                return name;
            }
        }
        return null;
    }

    private static String topicOf(JsonNode root, JsonNode data) {
        String topic = text(root.get("topic"));
        if (topic == null && data != null) {
            topic = text(data.get("topic"));
        }
        return topic;
    }

    private static long offsetOf(JsonLocation location) {
        if (location == null) {
            return -1;
        }
        return location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
    }

    // --- small JSON helpers shared by both shapes ---

    static String text(JsonNode node) {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    static long number(JsonNode node) {
        return node == null || !node.canConvertToLong() ? 0L : node.asLong();
    }

    static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            String value = text(node);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    static JsonNode path(JsonNode node, String... names) {
        for (String name : names) {
            if (node == null) {
                return null;
            }
            node = node.get(name);
        }
        return node;
    }

    /** Lowercased, in order, without duplicates. */
    static List<String> hashtags(JsonNode hashtagArray, String field) {
        if (hashtagArray == null || !hashtagArray.isArray() || hashtagArray.isEmpty()) {
            return List.of();
        }
        List<String> tags = new ArrayList<>(hashtagArray.size());
        for (JsonNode entity : hashtagArray) {
            String tag = text(entity.get(field));
            if (tag != null && !tag.isEmpty()) {
                String lower = tag.toLowerCase(Locale.ROOT);
                if (!tags.contains(lower)) {
                    tags.add(lower);
                }
            }
        }
        return tags;
    }

    static String langOrUnd(JsonNode node) {
        String lang = text(node);
        return lang == null || lang.isEmpty() ? "und" : lang;
    }

    /** Twitter API v1.1 status. */
    private static final class V1 {

        static ParseResult parse(JsonNode status, String topic) {
            String id = firstText(status.get("id_str"), status.get("id"));
            if (id == null) {
                return new ParseResult.Rejected("not a tweet: no id");
            }
            Instant createdAt = TwitterTime.parse(text(status.get("created_at")));
            if (createdAt == null) {
                return new ParseResult.Rejected("not a tweet: missing or unreadable created_at");
            }
            JsonNode user = status.get("user");
            String username = text(user.get("screen_name"));
            if (username == null) {
                return new ParseResult.Rejected("not a tweet: user has no screen_name");
            }
            JsonNode retweeted = status.get("retweeted_status");
            boolean isRetweet = retweeted != null && retweeted.isObject();
            // A retweet's own text is truncated ("RT @a: ...…"): rebuild it from the original's full text.
            JsonNode textSource = isRetweet ? retweeted : status;
            String text = fullText(textSource);
            if (text == null) {
                return new ParseResult.Rejected("not a tweet: no text");
            }
            if (isRetweet) {
                String original = text(path(retweeted, "user", "screen_name"));
                text = "RT @" + (original == null ? "" : original) + ": " + text;
            }
            return new ParseResult.Parsed(new Tweet(
                    id,
                    createdAt,
                    firstText(user.get("id_str"), user.get("id")),
                    username,
                    text(user.get("name")),
                    number(user.get("followers_count")),
                    text,
                    langOrUnd(status.get("lang")),
                    hashtags(textSource),
                    isRetweet,
                    number(status.get("retweet_count")),
                    number(status.get("favorite_count")),
                    topic));
        }

        /** {@code extended_tweet.full_text} (compat mode) > {@code full_text} (extended mode) > {@code text}. */
        private static String fullText(JsonNode status) {
            return firstText(path(status, "extended_tweet", "full_text"), status.get("full_text"), status.get("text"));
        }

        /** From the same place the full text came from, so hashtags past the 140-character cut are kept. */
        private static List<String> hashtags(JsonNode status) {
            JsonNode extended = path(status, "extended_tweet", "entities", "hashtags");
            return TweetParser.hashtags(extended != null ? extended : path(status, "entities", "hashtags"), "text");
        }
    }

    /** X API v2 tweet, with the author (and a retweet's original) possibly expanded in {@code includes}. */
    private static final class V2 {

        static ParseResult parse(JsonNode tweet, JsonNode includes, String topic) {
            String id = text(tweet.get("id"));
            if (id == null) {
                return new ParseResult.Rejected("not a tweet: no id");
            }
            Instant createdAt = TwitterTime.parse(text(tweet.get("created_at")));
            if (createdAt == null) {
                return new ParseResult.Rejected("not a tweet: missing or unreadable created_at");
            }
            String authorId = text(tweet.get("author_id"));
            JsonNode author = findById(includes, "users", authorId);
            String username = author != null ? text(author.get("username")) : null;
            if (username == null) {
                username = authorId;
            }
            if (username == null) {
                return new ParseResult.Rejected("not a tweet: no author_id");
            }
            String text = fullText(tweet);
            if (text == null) {
                return new ParseResult.Rejected("not a tweet: no text");
            }
            String retweetedId = retweetedId(tweet);
            JsonNode hashtagSource = tweet;
            if (retweetedId != null) {
                // Like v1.1: prefer the original's full text when the response expanded it.
                JsonNode original = findById(includes, "tweets", retweetedId);
                String originalText = original == null ? null : fullText(original);
                JsonNode originalAuthor = original == null ? null
                        : findById(includes, "users", text(original.get("author_id")));
                String originalUsername = originalAuthor == null ? null : text(originalAuthor.get("username"));
                if (originalText != null && originalUsername != null) {
                    text = "RT @" + originalUsername + ": " + originalText;
                    hashtagSource = original;
                }
            }
            JsonNode metrics = tweet.get("public_metrics");
            return new ParseResult.Parsed(new Tweet(
                    id,
                    createdAt,
                    authorId,
                    username,
                    author == null ? null : text(author.get("name")),
                    author == null ? 0L : number(path(author, "public_metrics", "followers_count")),
                    text,
                    langOrUnd(tweet.get("lang")),
                    hashtags(hashtagSource),
                    retweetedId != null,
                    number(path(metrics, "retweet_count")),
                    number(path(metrics, "like_count")),
                    topic));
        }

        /** Long posts carry their whole text in {@code note_tweet}. */
        private static String fullText(JsonNode tweet) {
            return firstText(path(tweet, "note_tweet", "text"), tweet.get("text"));
        }

        private static List<String> hashtags(JsonNode tweet) {
            JsonNode note = path(tweet, "note_tweet", "entities", "hashtags");
            return TweetParser.hashtags(note != null ? note : path(tweet, "entities", "hashtags"), "tag");
        }

        private static String retweetedId(JsonNode tweet) {
            JsonNode references = tweet.get("referenced_tweets");
            if (references != null && references.isArray()) {
                for (JsonNode reference : references) {
                    if ("retweeted".equals(text(reference.get("type")))) {
                        String id = text(reference.get("id"));
                        return id == null ? "" : id;
                    }
                }
            }
            return null;
        }

        private static JsonNode findById(JsonNode includes, String kind, String id) {
            JsonNode list = path(includes, kind);
            if (id == null || list == null || !list.isArray()) {
                return null;
            }
            for (JsonNode item : list) {
                if (id.equals(text(item.get("id")))) {
                    return item;
                }
            }
            return null;
        }
    }
}
