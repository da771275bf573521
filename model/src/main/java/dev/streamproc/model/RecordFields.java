package dev.streamproc.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The few values the tweet mappings read from one record, captured in one pass over its JSON by
 * {@link StreamingRecordReader}. A repeated key replaces what an earlier one captured (the last value wins, as in a
 * JSON tree). Scalars hold their JSON text ({@code null} for JSON null, objects and arrays); counts hold the number
 * (0 when absent or not an integral number); a nested holder is {@code null} when its key is absent or not an
 * object.
 */
final class RecordFields {

    private RecordFields() {
    }

    /** A v1.1 status or a v2 tweet: the record itself, v2's {@code data}, a retweeted status or an included tweet. */
    static final class Status {
        boolean hasId; // "id" or "id_str" present, whatever its value
        String id;
        String idStr;
        String createdAt;
        String text;
        String fullText;
        String lang;
        String topic;
        boolean hasAuthorId;
        String authorId;
        long retweetCount;
        long favoriteCount;
        User user;
        Status retweetedStatus;
        LongForm extendedTweet;
        LongForm noteTweet;
        Hashtags entitiesHashtags;
        boolean hasPublicMetrics;
        Metrics publicMetrics;
        /** Id of the first {@code referenced_tweets} entry of type {@code retweeted} ("" without id), else null. */
        String retweetedId;

        // The record's top level only.
        Status data;
        Includes includes;
        boolean hasEditHistory;
        /** The first stream-notice key in document order. */
        String noticeKind;
    }

    /** A v1.1 {@code user} or a v2 {@code includes.users} entry. */
    static final class User {
        String id;
        String idStr;
        String screenName;
        String username;
        String name;
        long followersCount;
        Metrics publicMetrics;
    }

    /** v1.1 {@code extended_tweet} ({@code full_text}) or v2 {@code note_tweet} ({@code text}), with its hashtags. */
    static final class LongForm {
        String fullText;
        String text;
        Hashtags entitiesHashtags;
    }

    /** v2 {@code public_metrics} of a tweet or a user. */
    static final class Metrics {
        long retweetCount;
        long likeCount;
        long followersCount;
    }

    /** v2 {@code includes}; a list is null when absent or not an array. */
    static final class Includes {
        List<User> users;
        List<Status> tweets;
    }

    /**
     * An {@code entities.hashtags} array as it stood: the non-empty {@code text} (v1.1) and {@code tag} (v2) values of
     * its entities, in order. Empty when the key held something other than an array.
     */
    static final class Hashtags {
        final List<String> texts = new ArrayList<>(2);
        final List<String> tags = new ArrayList<>(2);
    }
}
