package dev.streamproc.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.streamproc.model.RecordFields.Hashtags;
import dev.streamproc.model.RecordFields.Includes;
import dev.streamproc.model.RecordFields.LongForm;
import dev.streamproc.model.RecordFields.Status;
import dev.streamproc.model.RecordFields.User;
import dev.streamproc.model.StreamingRecordReader.Content;
import dev.streamproc.model.StreamingRecordReader.Fields;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns the bytes of one stream record into a {@link Tweet}, a stream notice, or a rejection.
 *
 * <p>Accepts a Twitter API v1.1 status (streaming, REST or search shape, classic or extended mode) and an X API v2
 * tweet, bare or as {@code {"data":...,"includes":{"users":[...]}}}. The whole record is syntax-checked first; only
 * then does its shape decide. Thread-safe: all state is immutable.
 */
public final class TweetParser {

    /** Kinesis' maximum record size: nothing larger can be a record we produced. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    /** The {@code , from `StreamReadConstraints...`} part of a constraint message: Jackson's API, not the record's. */
    private static final java.util.regex.Pattern LIMIT_SOURCE = java.util.regex.Pattern.compile(", from `[^`]*`");

    private TweetParser() {
    }

    public static ParseResult parse(byte[] utf8) {
        if (utf8 == null || utf8.length == 0) {
            return new ParseResult.Rejected("empty record");
        }
        if (utf8.length > MAX_RECORD_BYTES) {
            return new ParseResult.Rejected("record too large: " + utf8.length + " bytes, limit " + MAX_RECORD_BYTES);
        }
        // Jackson checks only the UTF-8 it decodes, and lets encoded surrogates through: validate every byte first.
        int invalid = Utf8.firstInvalidByte(utf8);
        if (invalid >= 0) {
            return new ParseResult.Rejected("invalid UTF-8 at byte " + invalid);
        }
        Content content;
        try {
            content = StreamingRecordReader.read(utf8);
        } catch (StreamConstraintsException e) {
            // Nesting or a number beyond Jackson's limits: the error has no location, its message names the limit.
            return new ParseResult.Rejected("JSON beyond the parser's limits: " + LIMIT_SOURCE.matcher(e.getOriginalMessage()).replaceAll(""));
        } catch (JsonProcessingException e) {
            return new ParseResult.Rejected("malformed JSON at offset " + offsetOf(e.getLocation()));
        } catch (IOException e) {
            return new ParseResult.Rejected("malformed JSON: " + e.getClass().getSimpleName());
        }
        if (content instanceof Fields fields) {
            return interpret(fields.root());
        }
        return new ParseResult.Rejected("not a tweet: JSON "
                + (content instanceof StreamingRecordReader.Empty ? "is empty" : "is not an object"));
    }

    private static ParseResult interpret(Status root) {
        if (root.data != null) {
            return V2.parse(root.data, root.includes, root.topic != null ? root.topic : root.data.topic);
        }
        if (!root.hasId) {
            return root.noticeKind != null
                    ? new ParseResult.Notice(root.noticeKind) : new ParseResult.Rejected("not a tweet: no id");
        }
        if (root.user != null) {
            return V1.parse(root);
        }
        if (root.hasAuthorId || root.hasEditHistory || root.hasPublicMetrics) {
            return V2.parse(root, null, root.topic);
        }
        return new ParseResult.Rejected("not a tweet: no user or author_id");
    }

    private static long offsetOf(JsonLocation location) {
        if (location == null) {
            return -1;
        }
        return location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
    }

    /** Lowercased, in order, without duplicates. */
    static List<String> hashtags(List<String> tags) {
        if (tags.isEmpty()) {
            return List.of();
        }
        List<String> lower = new ArrayList<>(tags.size());
        for (String tag : tags) {
            String tagLower = tag.toLowerCase(Locale.ROOT);
            if (!lower.contains(tagLower)) {
                lower.add(tagLower);
            }
        }
        return lower;
    }

    /**
     * An empty value counts as absent, on both paths alike (docs/contracts.md): an empty id or screen_name makes no
     * tweet (DynamoDB refuses an empty key, so the archive must not keep a row EventData cannot have), and an empty
     * topic is no topic.
     */
    static String present(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static String langOrUnd(String lang) {
        return lang == null || lang.isEmpty() ? "und" : lang;
    }

    /** Twitter API v1.1 status. */
    private static final class V1 {

        static ParseResult parse(Status status) {
            String id = present(status.idStr) != null ? status.idStr : present(status.id);
            if (id == null) {
                return new ParseResult.Rejected("not a tweet: no id");
            }
            Instant createdAt = TwitterTime.parse(status.createdAt);
            if (createdAt == null) {
                return new ParseResult.Rejected("not a tweet: missing or unreadable created_at");
            }
            User user = status.user;
            if (present(user.screenName) == null) {
                return new ParseResult.Rejected("not a tweet: user has no screen_name");
            }
            Status retweeted = status.retweetedStatus;
            boolean isRetweet = retweeted != null;
            // A retweet's own text is truncated ("RT @a: ...…"): rebuild it from the original's full text.
            Status textSource = isRetweet ? retweeted : status;
            String text = fullText(textSource);
            if (text == null) {
                return new ParseResult.Rejected("not a tweet: no text");
            }
            if (isRetweet) {
                String original = retweeted.user == null ? null : retweeted.user.screenName;
                text = "RT @" + (original == null ? "" : original) + ": " + text;
            }
            return new ParseResult.Parsed(new Tweet(
                    id,
                    createdAt,
                    user.idStr != null ? user.idStr : user.id,
                    user.screenName,
                    user.name,
                    user.followersCount,
                    text,
                    langOrUnd(status.lang),
                    hashtags(textSource),
                    isRetweet,
                    status.retweetCount,
                    status.favoriteCount,
                    present(status.topic)));
        }

        /** {@code extended_tweet.full_text} (compat mode) > {@code full_text} (extended mode) > {@code text}. */
        private static String fullText(Status status) {
            LongForm extended = status.extendedTweet;
            if (extended != null && extended.fullText != null) {
                return extended.fullText;
            }
            return status.fullText != null ? status.fullText : status.text;
        }

        /** From the same place the full text came from, so hashtags past the 140-character cut are kept. */
        private static List<String> hashtags(Status status) {
            Hashtags extended = status.extendedTweet == null ? null : status.extendedTweet.entitiesHashtags;
            Hashtags hashtags = extended != null ? extended : status.entitiesHashtags;
            return hashtags == null ? List.of() : TweetParser.hashtags(hashtags.texts);
        }
    }

    /** X API v2 tweet, with the author (and a retweet's original) possibly expanded in {@code includes}. */
    private static final class V2 {

        static ParseResult parse(Status tweet, Includes includes, String topic) {
            String id = present(tweet.id);
            if (id == null) {
                return new ParseResult.Rejected("not a tweet: no id");
            }
            Instant createdAt = TwitterTime.parse(tweet.createdAt);
            if (createdAt == null) {
                return new ParseResult.Rejected("not a tweet: missing or unreadable created_at");
            }
            String authorId = present(tweet.authorId);
            User author = findUser(includes, authorId);
            String username = author != null ? present(author.username) : null;
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
            String retweetedId = tweet.retweetedId;
            Status hashtagSource = tweet;
            if (retweetedId != null) {
                // Like v1.1: prefer the original's full text when the response expanded it.
                Status original = findTweet(includes, retweetedId);
                String originalText = original == null ? null : fullText(original);
                User originalAuthor = original == null ? null : findUser(includes, original.authorId);
                String originalUsername = originalAuthor == null ? null : originalAuthor.username;
                if (originalText != null && originalUsername != null) {
                    text = "RT @" + originalUsername + ": " + originalText;
                    hashtagSource = original;
                }
            }
            return new ParseResult.Parsed(new Tweet(
                    id,
                    createdAt,
                    authorId,
                    username,
                    author == null ? null : author.name,
                    author == null || author.publicMetrics == null ? 0L : author.publicMetrics.followersCount,
                    text,
                    langOrUnd(tweet.lang),
                    hashtags(hashtagSource),
                    retweetedId != null,
                    tweet.publicMetrics == null ? 0L : tweet.publicMetrics.retweetCount,
                    tweet.publicMetrics == null ? 0L : tweet.publicMetrics.likeCount,
                    present(topic)));
        }

        /** Long posts carry their whole text in {@code note_tweet}. */
        private static String fullText(Status tweet) {
            LongForm note = tweet.noteTweet;
            return note != null && note.text != null ? note.text : tweet.text;
        }

        private static List<String> hashtags(Status tweet) {
            Hashtags note = tweet.noteTweet == null ? null : tweet.noteTweet.entitiesHashtags;
            Hashtags hashtags = note != null ? note : tweet.entitiesHashtags;
            return hashtags == null ? List.of() : TweetParser.hashtags(hashtags.tags);
        }

        private static User findUser(Includes includes, String id) {
            if (id == null || includes == null || includes.users == null) {
                return null;
            }
            for (User user : includes.users) {
                if (id.equals(user.id)) {
                    return user;
                }
            }
            return null;
        }

        private static Status findTweet(Includes includes, String id) {
            if (id == null || includes == null || includes.tweets == null) {
                return null;
            }
            for (Status tweet : includes.tweets) {
                if (id.equals(tweet.id)) {
                    return tweet;
                }
            }
            return null;
        }
    }
}
