package dev.streamproc.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.streamproc.model.RecordFields.Hashtags;
import dev.streamproc.model.RecordFields.Includes;
import dev.streamproc.model.RecordFields.LongForm;
import dev.streamproc.model.RecordFields.Metrics;
import dev.streamproc.model.RecordFields.Status;
import dev.streamproc.model.RecordFields.User;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One pass of Jackson's streaming parser over a record: pulls the values the mappings read into {@link RecordFields}
 * and skips everything else with {@code skipChildren()}, which still checks its syntax but builds nothing and decodes
 * no strings. A v1.1 status is mostly fields nobody reads (the author's profile, URLs, media, places...).
 */
final class StreamingRecordReader {

    /** Top-level keys of v1.1 streaming notices, and v2's error-only payloads. */
    private static final Set<String> NOTICE_KINDS = Set.of(
            "delete", "limit", "scrub_geo", "status_withheld", "user_withheld", "disconnect", "warning",
            "friends", "friends_str", "event", "for_user", "control", "errors");

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    /** Holds the place of a present {@code hashtags} key whose value is not an array. */
    private static final Hashtags NO_HASHTAGS = new Hashtags();

    /** What the bytes held. */
    sealed interface Content {
    }

    /** Nothing but whitespace. */
    record Empty() implements Content {
    }

    /** One JSON value that is not an object. */
    record NotAnObject() implements Content {
    }

    /** One JSON object. */
    record Fields(Status root) implements Content {
    }

    private StreamingRecordReader() {
    }

    /**
     * @throws IOException (a {@link com.fasterxml.jackson.core.JsonProcessingException} with a location) when the
     *                     bytes are not exactly one JSON value
     */
    static Content read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Empty();
            }
            Content content;
            if (first == JsonToken.START_OBJECT) {
                content = new Fields(readStatus(parser, true));
            } else {
                scalar(parser, first); // checks the syntax of the whole value
                content = new NotAnObject();
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "trailing content after the JSON value");
            }
            return content;
        }
    }

    /** Reads an object whose {@code START_OBJECT} was just read. */
    private static Status readStatus(JsonParser parser, boolean topLevel) throws IOException {
        Status status = new Status();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> {
                    status.hasId = true;
                    status.id = scalar(parser, value);
                }
                case "id_str" -> {
                    status.hasId = true;
                    status.idStr = scalar(parser, value);
                }
                case "created_at" -> status.createdAt = scalar(parser, value);
                case "text" -> status.text = scalar(parser, value);
                case "full_text" -> status.fullText = scalar(parser, value);
                case "lang" -> status.lang = scalar(parser, value);
                case "topic" -> status.topic = scalar(parser, value);
                case "author_id" -> {
                    status.hasAuthorId = true;
                    status.authorId = scalar(parser, value);
                }
                case "retweet_count" -> status.retweetCount = count(parser, value);
                case "favorite_count" -> status.favoriteCount = count(parser, value);
                case "user" -> status.user = value == JsonToken.START_OBJECT ? readUser(parser) : skip(parser);
                case "retweeted_status" -> status.retweetedStatus =
                        topLevel && value == JsonToken.START_OBJECT ? readStatus(parser, false) : skip(parser);
                case "extended_tweet" -> status.extendedTweet =
                        value == JsonToken.START_OBJECT ? readLongForm(parser) : skip(parser);
                case "note_tweet" -> status.noteTweet =
                        value == JsonToken.START_OBJECT ? readLongForm(parser) : skip(parser);
                case "entities" -> status.entitiesHashtags = readEntities(parser, value);
                case "public_metrics" -> {
                    status.hasPublicMetrics = true;
                    status.publicMetrics = value == JsonToken.START_OBJECT ? readMetrics(parser) : skip(parser);
                }
                case "referenced_tweets" -> status.retweetedId = readRetweetedId(parser, value);
                case "data" -> status.data =
                        topLevel && value == JsonToken.START_OBJECT ? readStatus(parser, false) : skip(parser);
                case "includes" -> status.includes =
                        topLevel && value == JsonToken.START_OBJECT ? readIncludes(parser) : skip(parser);
                default -> {
                    if (topLevel) {
                        if (name.equals("edit_history_tweet_ids")) {
                            status.hasEditHistory = true;
                        } else if (status.noticeKind == null && NOTICE_KINDS.contains(name)) {
                            status.noticeKind = name;
                        }
                    }
                    parser.skipChildren();
                }
            }
        }
        endOfObject(parser, token);
        return status;
    }

    private static User readUser(JsonParser parser) throws IOException {
        User user = new User();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "id" -> user.id = scalar(parser, value);
                case "id_str" -> user.idStr = scalar(parser, value);
                case "screen_name" -> user.screenName = scalar(parser, value);
                case "username" -> user.username = scalar(parser, value);
                case "name" -> user.name = scalar(parser, value);
                case "followers_count" -> user.followersCount = count(parser, value);
                case "public_metrics" -> user.publicMetrics =
                        value == JsonToken.START_OBJECT ? readMetrics(parser) : skip(parser);
                default -> parser.skipChildren();
            }
        }
        endOfObject(parser, token);
        return user;
    }

    private static LongForm readLongForm(JsonParser parser) throws IOException {
        LongForm form = new LongForm();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "full_text" -> form.fullText = scalar(parser, value);
                case "text" -> form.text = scalar(parser, value);
                case "entities" -> form.entitiesHashtags = readEntities(parser, value);
                default -> parser.skipChildren();
            }
        }
        endOfObject(parser, token);
        return form;
    }

    /** @return the {@code hashtags} of an {@code entities} value, null when it has none or is not an object */
    private static Hashtags readEntities(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            return skip(parser);
        }
        Hashtags hashtags = null;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            boolean isHashtags = parser.currentName().equals("hashtags");
            JsonToken entry = parser.nextToken();
            if (isHashtags) {
                hashtags = entry == JsonToken.START_ARRAY ? readHashtags(parser) : skipTo(parser, NO_HASHTAGS);
            } else {
                parser.skipChildren();
            }
        }
        endOfObject(parser, token);
        return hashtags;
    }

    private static Hashtags readHashtags(JsonParser parser) throws IOException {
        Hashtags hashtags = new Hashtags();
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element != JsonToken.START_OBJECT) {
                skipValue(parser, element);
                continue;
            }
            String text = null;
            String tag = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("text")) {
                    text = scalar(parser, value);
                } else if (name.equals("tag")) {
                    tag = scalar(parser, value);
                } else {
                    parser.skipChildren();
                }
            }
            endOfObject(parser, token);
            if (text != null && !text.isEmpty()) {
                hashtags.texts.add(text);
            }
            if (tag != null && !tag.isEmpty()) {
                hashtags.tags.add(tag);
            }
        }
        return hashtags;
    }

    private static Metrics readMetrics(JsonParser parser) throws IOException {
        Metrics metrics = new Metrics();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "retweet_count" -> metrics.retweetCount = count(parser, value);
                case "like_count" -> metrics.likeCount = count(parser, value);
                case "followers_count" -> metrics.followersCount = count(parser, value);
                default -> parser.skipChildren();
            }
        }
        endOfObject(parser, token);
        return metrics;
    }

    private static String readRetweetedId(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            return skip(parser);
        }
        String retweetedId = null;
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element != JsonToken.START_OBJECT) {
                skipValue(parser, element);
                continue;
            }
            String type = null;
            String id = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken field = parser.nextToken();
                if (name.equals("type")) {
                    type = scalar(parser, field);
                } else if (name.equals("id")) {
                    id = scalar(parser, field);
                } else {
                    parser.skipChildren();
                }
            }
            endOfObject(parser, token);
            if (retweetedId == null && "retweeted".equals(type)) {
                retweetedId = id == null ? "" : id;
            }
        }
        return retweetedId;
    }

    private static Includes readIncludes(JsonParser parser) throws IOException {
        Includes includes = new Includes();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("users")) {
                includes.users = value == JsonToken.START_ARRAY ? readUsers(parser) : skip(parser);
            } else if (name.equals("tweets")) {
                includes.tweets = value == JsonToken.START_ARRAY ? readTweets(parser) : skip(parser);
            } else {
                parser.skipChildren();
            }
        }
        endOfObject(parser, token);
        return includes;
    }

    private static List<User> readUsers(JsonParser parser) throws IOException {
        List<User> users = new ArrayList<>(2);
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element == JsonToken.START_OBJECT) {
                users.add(readUser(parser));
            } else {
                skipValue(parser, element);
            }
        }
        return users;
    }

    private static List<Status> readTweets(JsonParser parser) throws IOException {
        List<Status> tweets = new ArrayList<>(2);
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (element == JsonToken.START_OBJECT) {
                tweets.add(readStatus(parser, false));
            } else {
                skipValue(parser, element);
            }
        }
        return tweets;
    }

    /** The text a JSON tree would give for the value: null for null, objects and arrays (which are skipped). */
    private static String scalar(JsonParser parser, JsonToken value) throws IOException {
        if (value == null) {
            throw new JsonParseException(parser, "unexpected end of input");
        }
        return switch (value) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue().toString() : Long.toString(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> Double.toString(parser.getDoubleValue());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> skip(parser);
            default -> throw new JsonParseException(parser, "unexpected token " + value);
        };
    }

    /** A count: the integral value when it fits a long (a fraction is truncated), else 0. */
    private static long count(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return parser.getLongValue();
            }
            BigInteger big = parser.getBigIntegerValue();
            return big.compareTo(MIN_LONG) >= 0 && big.compareTo(MAX_LONG) <= 0 ? big.longValue() : 0L;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = parser.getDoubleValue();
            return d >= Long.MIN_VALUE && d <= Long.MAX_VALUE ? (long) d : 0L;
        }
        skipValue(parser, value);
        return 0L;
    }

    private static void skipValue(JsonParser parser, JsonToken value) throws IOException {
        if (value == null) {
            throw new JsonParseException(parser, "unexpected end of input");
        }
        parser.skipChildren();
    }

    private static <T> T skip(JsonParser parser) throws IOException {
        return skipTo(parser, null);
    }

    private static <T> T skipTo(JsonParser parser, T result) throws IOException {
        parser.skipChildren();
        return result;
    }

    private static void endOfObject(JsonParser parser, JsonToken token) throws JsonParseException {
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(parser, "unexpected token " + token);
        }
    }
}
