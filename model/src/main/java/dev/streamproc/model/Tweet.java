package dev.streamproc.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One tweet, whatever API shape it arrived in (v1.1 status or X API v2 tweet).
 *
 * @param id              tweet id (v1.1 {@code id_str}, v2 {@code id})
 * @param createdAt       creation time
 * @param userId          author's numeric id as a string
 * @param username        author's screen name (v2 {@code username}; v2 without an expanded author: the author id)
 * @param userDisplayName author's display name; {@code null} when the record does not carry the author
 * @param followers       author's follower count (0 when unknown)
 * @param text            full text; for a retweet {@code "RT @original: <original full text>"}
 * @param lang            BCP-47 language, {@code "und"} when absent
 * @param hashtags        lowercase, in order of appearance, without duplicates
 * @param retweet         whether this tweet is a retweet
 * @param retweetCount    retweet count
 * @param favoriteCount   favorite (like) count
 * @param topic           the trend the producer found it by; {@code null} when the record carries none
 */
public record Tweet(
        String id,
        Instant createdAt,
        String userId,
        String username,
        String userDisplayName,
        long followers,
        String text,
        String lang,
        List<String> hashtags,
        boolean retweet,
        long retweetCount,
        long favoriteCount,
        String topic) {

    public Tweet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(lang, "lang");
        hashtags = List.copyOf(hashtags);
    }
}
