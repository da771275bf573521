package dev.streamproc.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** What reading a record in one streaming pass must keep from reading it as a whole tree. */
class TweetParserStreamingTest {

    private static final String CREATED = "\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\"";

    @Test
    void aRepeatedKeyTakesItsLastValueAndReplacesAWholeObject() {
        Tweet tweet = tweet("{\"id_str\":\"1\"," + CREATED + ",\"text\":\"first\",\"text\":\"second\","
                + "\"user\":{\"screen_name\":\"a\",\"name\":\"A\",\"followers_count\":5},\"user\":{\"screen_name\":\"b\"}}");

        assertThat(tweet.text()).isEqualTo("second");
        assertThat(tweet.username()).isEqualTo("b");
        assertThat(tweet.userDisplayName()).as("nothing of the first user object survives").isNull();
        assertThat(tweet.followers()).isZero();
    }

    @Test
    void readsNumbersWhereTextIsExpectedAndTruncatesFractionalCounts() {
        Tweet tweet = tweet("{\"id\":505874924095815681," + CREATED + ",\"text\":\"x\",\"retweet_count\":3.7,"
                + "\"favorite_count\":\"12\",\"user\":{\"id\":42,\"screen_name\":\"u\"}}");

        assertThat(tweet.id()).isEqualTo("505874924095815681");
        assertThat(tweet.userId()).isEqualTo("42");
        assertThat(tweet.retweetCount()).isEqualTo(3);
        assertThat(tweet.favoriteCount()).as("a count given as a string is not a count").isZero();
    }

    @Test
    void takesHashtagsFromWhereTheTextCameFromEvenWhenThatListIsNull() {
        Tweet tweet = tweet("{\"id_str\":\"1\"," + CREATED + ",\"text\":\"short\",\"user\":{\"screen_name\":\"u\"},"
                + "\"entities\":{\"hashtags\":[{\"text\":\"Short\"}]},"
                + "\"extended_tweet\":{\"full_text\":\"long\",\"entities\":{\"hashtags\":null}}}");

        assertThat(tweet.text()).isEqualTo("long");
        assertThat(tweet.hashtags()).isEmpty();
    }

    @Test
    void rejectsInvalidUtf8AndBrokenSyntaxInsideFieldsItNeverReads() {
        byte[] utf8 = ("{\"id_str\":\"1\"," + CREATED + ",\"text\":\"x\",\"user\":{\"screen_name\":\"u\","
                + "\"description\":\"caf__\"}}").getBytes(StandardCharsets.UTF_8);
        int at = new String(utf8, StandardCharsets.UTF_8).indexOf("__");
        utf8[at] = (byte) 0xED; // a UTF-16 surrogate encoded in UTF-8, which Jackson would let through
        utf8[at + 1] = (byte) 0xA0;
        assertThat(TweetParser.parse(utf8)).isEqualTo(new ParseResult.Rejected("invalid UTF-8 at byte " + at));

        assertThat(parse("{\"id_str\":\"1\"," + CREATED + ",\"text\":\"x\",\"user\":{\"screen_name\":\"u\"},"
                + "\"place\":{\"bounding_box\":[1,2,}}"))
                .isInstanceOf(ParseResult.Rejected.class)
                .extracting(r -> ((ParseResult.Rejected) r).reason()).asString().startsWith("malformed JSON at offset");
    }

    @Test
    void checksTheWholeRecordBeforeItsShapeDecides() {
        assertThat(parse("{\"delete\":{\"status\":{\"id\":1}},\"x\":[}"))
                .as("a broken notice is malformed, not a notice")
                .isInstanceOf(ParseResult.Rejected.class);
        assertThat(parse("{\"warning\":{},\"delete\":{},\"id\":null}"))
                .as("an id key, even null, makes it a would-be tweet")
                .isEqualTo(new ParseResult.Rejected("not a tweet: no user or author_id"));
        assertThat(parse("{\"warning\":{},\"delete\":{}}")).isEqualTo(new ParseResult.Notice("warning"));
    }

    @Test
    void keepsAV2RetweetsOwnTextWhenTheOriginalIsNotExpanded() {
        Tweet tweet = tweet("{\"data\":{\"id\":\"2\",\"text\":\"RT @a: cut…\",\"author_id\":\"9\","
                + "\"created_at\":\"2022-11-16T10:20:30.000Z\",\"referenced_tweets\":[{\"type\":\"quoted\",\"id\":\"3\"},"
                + "{\"type\":\"retweeted\",\"id\":\"1\"}],\"public_metrics\":{\"retweet_count\":4,\"like_count\":6}},"
                + "\"includes\":{\"users\":[{\"id\":\"9\",\"username\":\"nine\",\"public_metrics\":{\"followers_count\":7}}]},"
                + "\"topic\":\"t\"}");

        assertThat(tweet.retweet()).isTrue();
        assertThat(tweet.text()).isEqualTo("RT @a: cut…");
        assertThat(tweet.username()).isEqualTo("nine");
        assertThat(tweet.followers()).isEqualTo(7);
        assertThat(tweet.retweetCount()).isEqualTo(4);
        assertThat(tweet.favoriteCount()).isEqualTo(6);
        assertThat(tweet.topic()).isEqualTo("t");
    }

    private static Tweet tweet(String json) {
        ParseResult result = parse(json);
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).tweet();
    }

    private static ParseResult parse(String json) {
        return TweetParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
