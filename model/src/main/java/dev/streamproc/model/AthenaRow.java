package dev.streamproc.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One line of the archive that Athena queries (docs/contracts.md §3): the single place a {@link Tweet} becomes a
 * row. {@link #COLUMNS} is the DDL's column list, in order.
 */
public final class AthenaRow {

    /** A column of the Athena table: name and Athena (Hive) type. */
    public record Column(String name, String athenaType) {
    }

    public static final List<Column> COLUMNS = List.of(
            new Column("id", "string"),
            new Column("created_at", "timestamp"),
            new Column("username", "string"),
            new Column("user_name", "string"),
            new Column("followers", "bigint"),
            new Column("text", "string"),
            new Column("lang", "string"),
            new Column("hashtags", "array<string>"),
            new Column("is_retweet", "boolean"),
            new Column("retweet_count", "bigint"),
            new Column("favorite_count", "bigint"),
            new Column("topic", "string"));

    /** Jackson writes an emoji (a surrogate pair) as two backslash-u escapes unless told to write 4-byte UTF-8. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private AthenaRow() {
    }

    /**
     * Compact UTF-8 JSON (non-ASCII written as is, not escaped), keys in {@link #COLUMNS} order, ending in exactly
     * one {@code \n} so every tweet is one row.
     */
    public static byte[] toJsonLine(Tweet tweet) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512)) {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("id", tweet.id());
                json.writeStringField("created_at", TwitterTime.athenaTimestamp(tweet.createdAt()));
                json.writeStringField("username", tweet.username());
                json.writeStringField("user_name", tweet.userDisplayName());
                json.writeNumberField("followers", tweet.followers());
                json.writeStringField("text", tweet.text());
                json.writeStringField("lang", tweet.lang());
                json.writeArrayFieldStart("hashtags");
                for (String hashtag : tweet.hashtags()) {
                    json.writeString(hashtag);
                }
                json.writeEndArray();
                json.writeBooleanField("is_retweet", tweet.retweet());
                json.writeNumberField("retweet_count", tweet.retweetCount());
                json.writeNumberField("favorite_count", tweet.favoriteCount());
                json.writeStringField("topic", tweet.topic());
                json.writeEndObject();
                json.writeRaw('\n');
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}
