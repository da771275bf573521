package dev.streamproc.model;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import static dev.streamproc.model.Fixtures.bytes;
import static dev.streamproc.model.Fixtures.tweet;
import static org.assertj.core.api.Assertions.assertThat;

class TweetParserTest {

    @Test
    void readsAPlainV11Status() {
        Tweet tweet = tweet("v1-plain.json");

        assertThat(tweet.id()).isEqualTo("505874924095815681");
        assertThat(tweet.createdAt()).isEqualTo(Instant.parse("2014-08-31T00:29:15Z"));
        assertThat(tweet.userId()).isEqualTo("1186275104");
        assertThat(tweet.username()).isEqualTo("streamfan");
        assertThat(tweet.userDisplayName()).isEqualTo("Stream Fan");
        assertThat(tweet.followers()).isEqualTo(1523);
        assertThat(tweet.text()).isEqualTo("Serverless stream processing with #AWS #Lambda and #aws Kinesis http://t.co/abc123");
        assertThat(tweet.lang()).isEqualTo("en");
        assertThat(tweet.hashtags()).as("lowercase, in order, deduplicated").containsExactly("aws", "lambda");
        assertThat(tweet.retweet()).isFalse();
        assertThat(tweet.retweetCount()).isEqualTo(7);
        assertThat(tweet.favoriteCount()).isEqualTo(12);
        assertThat(tweet.topic()).as("a bare status has no topic").isNull();
    }

    @Test
    void readsFullTextOfAnExtendedModeStatus() {
        Tweet tweet = tweet("v1-extended-full-text.json");

        assertThat(tweet.text()).startsWith("Extended mode gives the whole text").endsWith("#LongTweets #StreamProcessing");
        assertThat(tweet.text().length()).isGreaterThan(140);
        assertThat(tweet.hashtags()).containsExactly("longtweets", "streamprocessing");
        assertThat(tweet.topic()).isEqualTo("#StreamProcessing");
    }

    @Test
    void prefersExtendedTweetInCompatibilityMode() {
        Tweet tweet = tweet("v1-compat-extended-tweet.json");

        assertThat(tweet.text()).endsWith("while extended_tweet carries the rest. #Kinesis #Firehose #kinesis")
                .doesNotContain("\u2026");
        assertThat(tweet.hashtags()).as("from extended_tweet.entities, past the 140-character cut")
                .containsExactly("kinesis", "firehose");
    }

    @Test
    void rebuildsARetweetFromTheOriginalFullText() {
        Tweet tweet = tweet("v1-retweet.json");

        assertThat(tweet.retweet()).isTrue();
        assertThat(tweet.username()).isEqualTo("retweeter");
        assertThat(tweet.text()).isEqualTo("RT @awscloud: Real-time stream processing on AWS: Kinesis streams feed Lambda"
                + " functions that write to DynamoDB and archive to S3 via Firehose. #serverless #AWS");
        assertThat(tweet.hashtags()).containsExactly("serverless", "aws");
        assertThat(tweet.retweetCount()).isEqualTo(120);
        assertThat(tweet.favoriteCount()).isZero();
        assertThat(tweet.topic()).isEqualTo("#AWS");
    }

    @Test
    void readsAReplyWithNullLangAsUndetermined() {
        Tweet tweet = tweet("v1-reply.json");

        assertThat(tweet.text()).isEqualTo("@streamfan Agreed, batching 25 items per call is the way to go");
        assertThat(tweet.lang()).isEqualTo("und");
        assertThat(tweet.hashtags()).isEmpty();
        assertThat(tweet.followers()).isZero();
    }

    @Test
    void keepsJapaneseTextAndConvertsTheOffsetToUtc() {
        Tweet tweet = tweet("v1-japanese.json");

        assertThat(tweet.text()).isEqualTo("あけましておめでとうございます！今年もよろしくお願いします #新年 #正月 #新年");
        assertThat(tweet.userDisplayName()).isEqualTo("山田太郎");
        assertThat(tweet.createdAt()).isEqualTo(Instant.parse("2015-01-01T03:00:00Z"));
        assertThat(tweet.hashtags()).containsExactly("新年", "正月");
        assertThat(tweet.lang()).isEqualTo("ja");
    }

    @Test
    void decodesUnicodeEscapesIncludingSurrogatePairs() {
        Tweet tweet = tweet("v1-chinese-escaped.json");

        assertThat(tweet.text()).isEqualTo("新年快乐！恭喜发财 🧧 #春节");
        assertThat(tweet.text().codePoints().filter(cp -> cp == 0x1F9E7).count()).isEqualTo(1);
        assertThat(tweet.userDisplayName()).isEqualTo("李华");
        assertThat(tweet.hashtags()).containsExactly("春节");
    }

    @Test
    void keepsEmojiSequencesIntact() {
        Tweet tweet = tweet("v1-emoji.json");

        assertThat(tweet.text()).isEqualTo("Fireworks 🎆🎇 tonight! 👨‍👩‍👧‍👦 family time 🇺🇸 #JulyFourth #Émoji");
        assertThat(tweet.userDisplayName()).isEqualTo("Emoji 😀 Person");
        assertThat(tweet.hashtags()).containsExactly("julyfourth", "émoji");
        assertThat(tweet.createdAt()).isEqualTo(Instant.parse("2020-07-05T03:59:59Z"));
    }

    @Test
    void readsAnElementOfAV11SearchResponse() {
        Tweet tweet = tweet("v1-search-element.json");

        assertThat(tweet.text()).isEqualTo("Found via search: #ServerlessDays is trending");
        assertThat(tweet.hashtags()).containsExactly("serverlessdays");
        assertThat(tweet.topic()).isEqualTo("#ServerlessDays");
    }

    @Test
    void readsABareV2TweetWithTheAuthorIdAsUsername() {
        Tweet tweet = tweet("v2-bare.json");

        assertThat(tweet.id()).isEqualTo("1593000000000000008");
        assertThat(tweet.createdAt()).isEqualTo(Instant.parse("2022-11-16T10:20:30Z"));
        assertThat(tweet.userId()).isEqualTo("9000");
        assertThat(tweet.username()).isEqualTo("9000");
        assertThat(tweet.userDisplayName()).isNull();
        assertThat(tweet.followers()).isZero();
        assertThat(tweet.hashtags()).containsExactly("datastreams", "athena");
        assertThat(tweet.retweetCount()).isEqualTo(4);
        assertThat(tweet.favoriteCount()).isEqualTo(10);
        assertThat(tweet.retweet()).isFalse();
        assertThat(tweet.topic()).isNull();
    }

    @Test
    void readsAnExpandedV2RetweetWithItsAuthorAndOriginal() {
        Tweet tweet = tweet("v2-expanded.json");

        assertThat(tweet.username()).isEqualTo("v2reader");
        assertThat(tweet.userDisplayName()).isEqualTo("V2 Reader");
        assertThat(tweet.followers()).isEqualTo(321);
        assertThat(tweet.retweet()).isTrue();
        assertThat(tweet.text()).isEqualTo("RT @awscloud: Kinesis Data Firehose now supports dynamic partitioning for #S3"
                + " prefixes, so your data lake queries stay fast and cheap when you query by #Topic and time.");
        assertThat(tweet.hashtags()).containsExactly("s3", "topic");
        assertThat(tweet.retweetCount()).isEqualTo(80);
        assertThat(tweet.topic()).isEqualTo("Firehose");
    }

    @Test
    void readsAnExpandedV2TweetInJapanese() {
        Tweet tweet = tweet("v2-expanded-author.json");

        assertThat(tweet.username()).isEqualTo("sushi_master");
        assertThat(tweet.userDisplayName()).isEqualTo("すし職人");
        assertThat(tweet.followers()).isEqualTo(4321);
        assertThat(tweet.text()).isEqualTo("日本語のv2ツイート #テスト 🍣");
        assertThat(tweet.createdAt()).isEqualTo(Instant.parse("2022-11-16T12:34:56.789Z"));
        assertThat(tweet.hashtags()).containsExactly("テスト");
        assertThat(tweet.topic()).isEqualTo("#テスト");
    }

    @Test
    void recognisesStreamNotices() {
        assertThat(TweetParser.parse(bytes("notice-delete.json"))).isEqualTo(new ParseResult.Notice("delete"));
        assertThat(TweetParser.parse(bytes("notice-limit.json"))).isEqualTo(new ParseResult.Notice("limit"));
        for (String kind : new String[] {"scrub_geo", "status_withheld", "user_withheld", "disconnect", "warning"}) {
            assertThat(parse("{\"" + kind + "\":{\"code\":1}}")).isEqualTo(new ParseResult.Notice(kind));
        }
    }

    @Test
    void rejectsMalformedJsonWithItsOffset() {
        assertThat(TweetParser.parse(bytes("malformed.json")))
                .isEqualTo(new ParseResult.Rejected("malformed JSON at offset 60"));
        assertThat(parse("{\"id_str\":\"1\"")).isInstanceOf(ParseResult.Rejected.class)
                .extracting(r -> ((ParseResult.Rejected) r).reason()).asString().startsWith("malformed JSON at offset");
        assertThat(parse("{\"id\":\"1\"} {\"id\":\"2\"}")).as("two documents in one record")
                .isInstanceOf(ParseResult.Rejected.class);
    }

    @Test
    void rejectsJsonBeyondTheParsersLimitsNamingTheLimitNotAnOffset() {
        // Jackson's StreamReadConstraints: 1,000 nesting levels, 1,000-digit numbers; such an error has no location.
        String deep = "{\"id_str\":\"1\",\"deep\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertThat(parse(deep)).isEqualTo(new ParseResult.Rejected(
                "JSON beyond the parser's limits: Document nesting depth (1001) exceeds the maximum allowed (1000)"));
        assertThat(parse("{\"id\":" + "9".repeat(1_100) + "}")).isEqualTo(new ParseResult.Rejected(
                "JSON beyond the parser's limits: Number value length (1100) exceeds the maximum allowed (1000)"));
    }

    @Test
    void rejectsInvalidUtf8WithTheByteOffset() {
        byte[] good = bytes("v1-japanese.json");
        byte[] bad = Arrays.copyOf(good, good.length);
        int firstNonAscii = indexOfFirstNonAscii(bad);
        bad[firstNonAscii + 1] = (byte) 0x41; // break the continuation byte of the first Japanese character

        assertThat(TweetParser.parse(bad)).isEqualTo(new ParseResult.Rejected("invalid UTF-8 at byte " + firstNonAscii));
        assertThat(TweetParser.parse(new byte[] {'{', '"', 'a', (byte) 0xC0, (byte) 0x80, '"'}))
                .as("an overlong NUL").isEqualTo(new ParseResult.Rejected("invalid UTF-8 at byte 3"));
        assertThat(TweetParser.parse(new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}))
                .as("a UTF-16 surrogate in UTF-8").isEqualTo(new ParseResult.Rejected("invalid UTF-8 at byte 1"));
        assertThat(TweetParser.parse("{\"text\":\"Latin-1 caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(new ParseResult.Rejected("invalid UTF-8 at byte 20"));
    }

    @Test
    void rejectsEmptyAndOversizedRecords() {
        assertThat(TweetParser.parse(new byte[0])).isEqualTo(new ParseResult.Rejected("empty record"));
        byte[] huge = new byte[TweetParser.MAX_RECORD_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        assertThat(TweetParser.parse(huge))
                .isEqualTo(new ParseResult.Rejected("record too large: 1048577 bytes, limit 1048576"));
    }

    @Test
    void rejectsJsonThatIsNotATweet() {
        assertThat(parse("[1,2]")).isEqualTo(new ParseResult.Rejected("not a tweet: JSON is not an object"));
        assertThat(parse("{\"hello\":\"world\"}")).isEqualTo(new ParseResult.Rejected("not a tweet: no id"));
        assertThat(parse("{\"id_str\":\"1\",\"text\":\"x\"}"))
                .isEqualTo(new ParseResult.Rejected("not a tweet: no user or author_id"));
        assertThat(parse("{\"id_str\":\"1\",\"text\":\"x\",\"created_at\":\"yesterday\",\"user\":{\"screen_name\":\"a\"}}"))
                .isEqualTo(new ParseResult.Rejected("not a tweet: missing or unreadable created_at"));
    }

    @Test
    void rejectsAbsurdNestingInsteadOfOverflowingTheStack() {
        String deep = "{\"id_str\":\"1\",\"user\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThat(parse(deep)).isInstanceOf(ParseResult.Rejected.class);
    }

    @Test
    void toleratesHugeNumbersInFieldsItReads() {
        String json = "{\"id_str\":\"9\",\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\",\"text\":\"x\","
                + "\"retweet_count\":123456789012345678901234567890,\"favorite_count\":1e400,"
                + "\"user\":{\"screen_name\":\"u\",\"followers_count\":-1}}";

        Tweet tweet = ((ParseResult.Parsed) parse(json)).tweet();
        assertThat(tweet.retweetCount()).isZero();
        assertThat(tweet.favoriteCount()).isZero();
    }

    @Test
    void acceptsAnyValidUtf8AsLongAsTheJsonIsATweet() {
        String json = "{\"id_str\":\"9\",\"created_at\":\"Sun Aug 31 00:29:15 +0000 2014\",\"text\":\"\uD83D\uDE00 \u00e9 \u4e2d\","
                + "\"user\":{\"id_str\":\"1\",\"screen_name\":\"u\",\"name\":\"U\",\"followers_count\":1}}";
        assertThat(parse(json)).isInstanceOf(ParseResult.Parsed.class);
        assertThat(((ParseResult.Parsed) parse(json)).tweet().text()).isEqualTo("😀 é 中");
    }

    private static ParseResult parse(String json) {
        return TweetParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static int indexOfFirstNonAscii(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return i;
            }
        }
        throw new AssertionError("fixture has no non-ASCII byte");
    }
}
