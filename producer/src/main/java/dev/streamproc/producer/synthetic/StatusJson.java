package dev.streamproc.producer.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes synthetic statuses in the Twitter API v1.1 JSON shape (compat mode, with timestamp_ms). */
final class StatusJson {

    static final List<String> SOURCES = List.of(
            "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
            "<a href=\"http://twitter.com/download/android\" rel=\"nofollow\">Twitter for Android</a>",
            "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>");

    private static final JsonFactory FACTORY = new JsonFactory();

    private StatusJson() {
    }

    /** A top-level status with the producer's "topic" field last. */
    static byte[] write(SyntheticTweets.Status s) {
        return generate(g -> {
            g.writeStartObject();
            fields(g, s);
            g.writeStringField("timestamp_ms", Long.toString(s.createdAt().toEpochMilli()));
            g.writeStringField("topic", s.topic().name());
            g.writeEndObject();
        });
    }

    static byte[] writeDelete(SyntheticTweets.Status deleted, long timestampMs) {
        return generate(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("delete");
            g.writeObjectFieldStart("status");
            g.writeNumberField("id", deleted.id());
            g.writeStringField("id_str", deleted.idStr());
            g.writeNumberField("user_id", deleted.author().id());
            g.writeStringField("user_id_str", deleted.author().idStr());
            g.writeEndObject();
            g.writeStringField("timestamp_ms", Long.toString(timestampMs));
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void fields(JsonGenerator g, SyntheticTweets.Status s) throws IOException {
        g.writeStringField("created_at", SyntheticTweets.TWITTER_TIME.format(s.createdAt()));
        g.writeNumberField("id", s.id());
        g.writeStringField("id_str", s.idStr());
        g.writeStringField("text", s.text());
        g.writeBooleanField("truncated", false);
        entities(g, s);
        g.writeStringField("source", s.source());
        SyntheticTweets.Status reply = s.inReplyTo();
        if (reply == null) {
            for (String f : List.of("in_reply_to_status_id", "in_reply_to_status_id_str", "in_reply_to_user_id",
                    "in_reply_to_user_id_str", "in_reply_to_screen_name")) {
                g.writeNullField(f);
            }
        } else {
            g.writeNumberField("in_reply_to_status_id", reply.id());
            g.writeStringField("in_reply_to_status_id_str", reply.idStr());
            g.writeNumberField("in_reply_to_user_id", reply.author().id());
            g.writeStringField("in_reply_to_user_id_str", reply.author().idStr());
            g.writeStringField("in_reply_to_screen_name", reply.author().screenName());
        }
        user(g, s.author());
        g.writeNullField("geo");
        g.writeNullField("coordinates");
        g.writeNullField("place");
        g.writeNullField("contributors");
        if (s.retweeted() != null) {
            g.writeObjectFieldStart("retweeted_status");
            fields(g, s.retweeted());
            g.writeEndObject();
        }
        g.writeBooleanField("is_quote_status", false);
        g.writeNumberField("quote_count", 0);
        g.writeNumberField("reply_count", 0);
        g.writeNumberField("retweet_count", s.retweetCount());
        g.writeNumberField("favorite_count", s.favoriteCount());
        g.writeBooleanField("favorited", false);
        g.writeBooleanField("retweeted", false);
        g.writeStringField("filter_level", "low");
        g.writeStringField("lang", s.lang());
    }

    private static void entities(JsonGenerator g, SyntheticTweets.Status s) throws IOException {
        g.writeObjectFieldStart("entities");
        g.writeArrayFieldStart("hashtags");
        for (TextBuilder.Entity h : s.hashtags()) {
            g.writeStartObject();
            g.writeStringField("text", h.text());
            indices(g, h);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("urls");
        g.writeEndArray();
        g.writeArrayFieldStart("user_mentions");
        for (TextBuilder.Entity m : s.mentions()) {
            g.writeStartObject();
            g.writeStringField("screen_name", m.user().screenName());
            g.writeStringField("name", m.user().name());
            g.writeNumberField("id", m.user().id());
            g.writeStringField("id_str", m.user().idStr());
            indices(g, m);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("symbols");
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void indices(JsonGenerator g, TextBuilder.Entity e) throws IOException {
        g.writeArrayFieldStart("indices");
        g.writeNumber(e.start());
        g.writeNumber(e.end());
        g.writeEndArray();
    }

    private static void user(JsonGenerator g, SyntheticUser u) throws IOException {
        g.writeObjectFieldStart("user");
        g.writeNumberField("id", u.id());
        g.writeStringField("id_str", u.idStr());
        g.writeStringField("name", u.name());
        g.writeStringField("screen_name", u.screenName());
        g.writeStringField("location", u.location());
        g.writeStringField("description", u.description());
        g.writeNullField("url");
        g.writeBooleanField("protected", false);
        g.writeBooleanField("verified", u.verified());
        g.writeNumberField("followers_count", u.followers());
        g.writeNumberField("friends_count", u.friends());
        g.writeNumberField("listed_count", u.followers() / 200);
        g.writeNumberField("favourites_count", u.statuses() / 3);
        g.writeNumberField("statuses_count", u.statuses());
        g.writeStringField("created_at", u.createdAt());
        g.writeNullField("lang");
        g.writeStringField("profile_image_url_https",
                "https://pbs.twimg.com/profile_images/" + u.id() + "/avatar_normal.jpg");
        g.writeBooleanField("default_profile", u.rank() % 7 == 0);
        g.writeEndObject();
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] generate(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
