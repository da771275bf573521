package dev.streamproc.producer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamproc.model.ParseResult;
import dev.streamproc.model.Tweet;
import dev.streamproc.model.TweetParser;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.source.SourceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticTweetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 5_000;
    private static final List<OutgoingTweet> SAMPLE = SyntheticTweets.withSeed(42).take(N);

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() {
        List<OutgoingTweet> again = SyntheticTweets.withSeed(42).take(N);
        assertThat(again).isEqualTo(SAMPLE);
        assertThat(SyntheticTweets.withSeed(43).take(50)).doesNotContainAnyElementsOf(SAMPLE.subList(0, 50));
    }

    @Test
    void anyTweetCanBeRegeneratedOnItsOwnInAnyOrder() {
        SyntheticTweets tweets = SyntheticTweets.withSeed(42);
        for (int i : new int[] {4_999, 17, 0, 2_500, 1}) {
            assertThat(tweets.at(i)).isEqualTo(SAMPLE.get(i));
        }
        assertThat(tweets.from(100).limit(5).toList()).isEqualTo(SAMPLE.subList(100, 105));
    }

    @Test
    void timeComesFromTheEpochAndIndexNotTheClock() throws Exception {
        SyntheticTweets tweets = SyntheticTweets.withSeed(1).startingAt(Instant.parse("2030-05-01T12:00:00Z"))
                .spacedBy(Duration.ofSeconds(1));
        JsonNode third = JSON.readTree(firstTweetFrom(tweets, 2).data());
        assertThat(third.get("created_at").asText()).startsWith("Wed May 01 12:00:0").endsWith("+0000 2030");
        assertThat(parse(SyntheticTweets.withSeed(42).at(0)).createdAt()).isEqualTo(SyntheticTweets.DEFAULT_EPOCH);
    }

    @Test
    void successiveBatchesContinueTheSequence() {
        SyntheticSource source = new SyntheticSource(SyntheticTweets.withSeed(42), 40);
        SourceState state = SourceState.empty();
        List<OutgoingTweet> sent = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            source.nextBatch(state).forEachRemaining(sent::add);
        }
        // the sequence continues (tweets 0..119), each batch re-timed to start at the source's epoch
        List<OutgoingTweet> expected = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            expected.addAll(SyntheticTweets.withSeed(42).continuingAt(40L * batch).from(40L * batch).limit(40).toList());
        }
        assertThat(sent).isEqualTo(expected);
        assertThat(parse(sent.get(40)).createdAt()).isEqualTo(SyntheticTweets.DEFAULT_EPOCH);
        assertThat(state.get("synthetic:42:next")).contains("120");
    }

    @Test
    void everyRecordIsATweetTheModelParsesOrADeleteNotice() {
        int notices = 0;
        for (OutgoingTweet t : SAMPLE) {
            ParseResult result = TweetParser.parse(t.data());
            if (result instanceof ParseResult.Notice notice) {
                notices++;
                assertThat(notice.kind()).isEqualTo("delete");
                assertThat(t.topic()).isNull();
            } else {
                assertThat(result).isInstanceOf(ParseResult.Parsed.class);
                Tweet tweet = ((ParseResult.Parsed) result).tweet();
                assertThat(tweet.id()).isEqualTo(t.partitionKey());
                assertThat(tweet.topic()).isEqualTo(t.topic()).isNotNull();
            }
        }
        assertThat(notices).isBetween(N / 100, N * 4 / 100); // ~2%
    }

    @Test
    void deleteNoticesPointAtEarlierTweets() throws Exception {
        Set<String> seen = new HashSet<>();
        for (OutgoingTweet t : SAMPLE) {
            JsonNode node = JSON.readTree(t.data());
            if (node.has("delete")) {
                assertThat(seen).contains(node.at("/delete/status/id_str").asText());
                assertThat(t.partitionKey()).isEqualTo(node.at("/delete/status/id_str").asText());
            } else {
                seen.add(node.get("id_str").asText());
            }
        }
    }

    @Test
    void tweetIdsAreUniqueAndGrowWithTime() {
        List<Tweet> tweets = tweets();
        assertThat(tweets.stream().map(Tweet::id).distinct().count()).isEqualTo(tweets.size());
        assertThat(tweets).isSortedAccordingTo(Comparator.comparing(t -> Long.parseLong(t.id())));
    }

    @Test
    void aFewUsersWriteMostTweets() {
        Map<String, Long> perUser = tweets().stream().collect(Collectors.groupingBy(Tweet::username,
                Collectors.counting()));
        List<Long> counts = perUser.values().stream().sorted(Comparator.reverseOrder()).toList();
        long total = counts.stream().mapToLong(Long::longValue).sum();
        long top50 = counts.stream().limit(50).mapToLong(Long::longValue).sum(); // 1% of the 5,000-user cast
        assertThat((double) top50 / total).isGreaterThan(0.30);
        assertThat(perUser.size()).isGreaterThan(500); // and a long tail
    }

    @Test
    void theMixHasRetweetsRepliesManyLanguagesAndEmoji() throws Exception {
        List<Tweet> tweets = tweets();
        double retweets = tweets.stream().filter(Tweet::retweet).count() / (double) tweets.size();
        assertThat(retweets).isBetween(0.15, 0.25);
        long replies = 0;
        long withEmoji = 0;
        for (OutgoingTweet t : SAMPLE) {
            JsonNode node = JSON.readTree(t.data());
            if (!node.path("in_reply_to_status_id_str").isMissingNode() && !node.get("in_reply_to_status_id_str").isNull()) {
                replies++;
                assertThat(node.get("text").asText()).startsWith("@" + node.get("in_reply_to_screen_name").asText());
            }
            if (node.path("text").asText().codePoints().anyMatch(cp -> cp >= 0x1F300)) {
                withEmoji++;
            }
        }
        assertThat(replies / (double) N).isBetween(0.10, 0.20);
        assertThat(withEmoji).isGreaterThan(N / 4);
        Map<String, Long> languages = tweets.stream().collect(Collectors.groupingBy(Tweet::lang, Collectors.counting()));
        assertThat(languages.keySet()).contains("en", "ja", "es", "ar", "hi", "zh");
        assertThat(languages.get("en") / (double) tweets.size()).isBetween(0.25, 0.55);
    }

    @Test
    void everyTweetCarriesItsTopicsHashtagAndCorrectEntityIndices() throws Exception {
        Map<String, String> hashtagOfTopic = new HashMap<>();
        for (OutgoingTweet t : SAMPLE.subList(0, 1_000)) {
            JsonNode node = JSON.readTree(t.data());
            if (node.has("delete")) {
                continue;
            }
            JsonNode status = node.has("retweeted_status") ? node.get("retweeted_status") : node;
            assertThat(node.get("topic").asText()).isEqualTo(t.topic());
            String text = node.get("text").asText();
            for (JsonNode h : node.at("/entities/hashtags")) {
                int start = h.at("/indices/0").asInt();
                int end = h.at("/indices/1").asInt();
                assertThat(codePointSlice(text, start, end)).isEqualTo("#" + h.get("text").asText());
            }
            for (JsonNode m : node.at("/entities/user_mentions")) {
                assertThat(codePointSlice(text, m.at("/indices/0").asInt(), m.at("/indices/1").asInt()))
                        .isEqualTo("@" + m.get("screen_name").asText());
            }
            String firstTag = status.at("/entities/hashtags/0/text").asText();
            String previous = hashtagOfTopic.putIfAbsent(t.topic(), firstTag);
            assertThat(previous == null || previous.equals(firstTag)).as("topic %s has one hashtag", t.topic()).isTrue();
        }
        assertThat(hashtagOfTopic).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void retweetsCarryTheOriginalAndTheRtPrefix() throws Exception {
        int checked = 0;
        for (OutgoingTweet t : SAMPLE.subList(0, 500)) {
            JsonNode node = JSON.readTree(t.data());
            if (node.has("retweeted_status")) {
                JsonNode original = node.get("retweeted_status");
                assertThat(node.get("text").asText()).isEqualTo("RT @" + original.at("/user/screen_name").asText()
                        + ": " + original.get("text").asText());
                assertThat(node.get("retweet_count").asLong()).isEqualTo(original.get("retweet_count").asLong());
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    private static List<Tweet> tweets() {
        return SAMPLE.stream().map(t -> TweetParser.parse(t.data())).filter(ParseResult.Parsed.class::isInstance)
                .map(r -> ((ParseResult.Parsed) r).tweet()).toList();
    }

    private static Tweet parse(OutgoingTweet t) {
        return ((ParseResult.Parsed) TweetParser.parse(t.data())).tweet();
    }

    private static OutgoingTweet firstTweetFrom(SyntheticTweets tweets, int from) {
        Iterator<OutgoingTweet> it = tweets.from(from).iterator();
        OutgoingTweet t = it.next();
        while (t.topic() == null) {
            t = it.next();
        }
        return t;
    }

    private static String codePointSlice(String s, int start, int end) {
        int[] cps = s.codePoints().toArray();
        return new String(cps, start, end - start);
    }
}
