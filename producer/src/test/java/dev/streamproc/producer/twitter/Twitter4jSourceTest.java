package dev.streamproc.producer.twitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamproc.model.ParseResult;
import dev.streamproc.model.Tweet;
import dev.streamproc.model.TweetParser;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.source.SourceException;
import dev.streamproc.producer.source.SourceState;
import dev.streamproc.producer.ssm.TwitterCredentials;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Twitter4jSourceTest {

    private static final TwitterCredentials CREDENTIALS = new TwitterCredentials("ck", "cs-secret", "at", "ats-secret");
    private FakeTwitterApi api;

    @BeforeEach
    void start() throws Exception {
        api = new FakeTwitterApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Twitter4jSource source(int maxTopics, int perTopic) {
        return new Twitter4jSource(CREDENTIALS, api.v1BaseUrl(), 1, maxTopics, perTopic);
    }

    @Test
    void trendsThenSearchesGiveV11StatusesWithTheirTopicSignedWithOAuth() {
        api.trend("#WorldCup", 11, 12, 13);
        api.trend("#Java", 21);
        SourceState state = SourceState.empty();

        List<OutgoingTweet> sent = XApiV2SourceTest.all(source(10, 2), state);

        assertThat(sent).extracting(OutgoingTweet::partitionKey).containsExactly("13", "12", "21");
        Tweet tweet = ((ParseResult.Parsed) TweetParser.parse(sent.get(0).data())).tweet();
        assertThat(tweet.topic()).isEqualTo("#WorldCup");
        assertThat(tweet.username()).isEqualTo("seven");
        assertThat(tweet.text()).isEqualTo("tweet 13 about #WorldCup");
        assertThat(state.get("#WorldCup")).contains("13");
        FakeTwitterApi.Request search = api.searches().get(0);
        assertThat(search.query()).containsEntry("q", "#WorldCup").containsEntry("count", "2");
        assertThat(search.authorization()).startsWith("OAuth ").contains("oauth_consumer_key=\"ck\"")
                .doesNotContain("cs-secret");
    }

    @Test
    void theNextRunSendsSinceIdAndOnlyNewTweets() {
        api.trend("#WorldCup", 11, 12);
        Twitter4jSource source = source(10, 10);
        SourceState state = SourceState.empty();
        XApiV2SourceTest.all(source, state);
        api.newTweets("#WorldCup", 14);

        List<OutgoingTweet> second = XApiV2SourceTest.all(source, state);

        assertThat(second).extracting(OutgoingTweet::partitionKey).containsExactly("14");
        assertThat(api.searches().get(1).query()).containsEntry("since_id", "12");
    }

    @Test
    void aRateLimitIsReportedAndStopsPolling() {
        api.trend("a", 1);
        api.trend("b", 2);
        api.fail("a", 429);
        Twitter4jSource source = source(10, 10);

        assertThat(XApiV2SourceTest.all(source, SourceState.empty())).isEmpty();
        assertThat(source.issues().rateLimited()).isTrue();
        assertThat(source.issues().errors()).singleElement().asString().contains("429");
    }

    @Test
    void refusedCredentialsAreOneClearError() {
        api.trend("a", 1);
        api.fail("trends", 401);
        assertThatThrownBy(() -> XApiV2SourceTest.all(source(10, 10), SourceState.empty()))
                .isInstanceOf(SourceException.class).hasMessageContaining("HTTP 401")
                .message().doesNotContain("cs-secret").doesNotContain("ats-secret");
    }
}
