package dev.streamproc.producer.twitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamproc.model.ParseResult;
import dev.streamproc.model.TweetParser;
import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.source.SourceException;
import dev.streamproc.producer.source.SourceState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class XApiV2SourceTest {

    private static final String TOKEN = "AAAA-test-bearer-token";
    private FakeTwitterApi api;

    @BeforeEach
    void start() throws Exception {
        api = new FakeTwitterApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private XApiV2Source source(int maxTopics, int perTopic) {
        return new XApiV2Source(TOKEN, api.v2BaseUrl(), 1, maxTopics, perTopic);
    }

    @Test
    void sendsEachFoundTweetAsASingleTweetResponseWithItsAuthorAndTopic() throws Exception {
        api.trend("#Serverless", 101, 102, 103, 104);
        api.trend("Tokyo Marathon", 201);
        SourceState state = SourceState.empty();

        List<OutgoingTweet> sent = all(source(10, 3), state);

        assertThat(sent).extracting(OutgoingTweet::partitionKey).containsExactly("104", "103", "102", "201");
        JsonNode first = FakeTwitterApi.JSON.readTree(sent.get(0).data());
        assertThat(first.at("/data/id").asText()).isEqualTo("104");
        assertThat(first.at("/includes/users")).hasSize(1);
        assertThat(first.at("/includes/users/0/username").asText()).isEqualTo("even");
        assertThat(first.get("topic").asText()).isEqualTo("#Serverless");
        ParseResult parsed = TweetParser.parse(sent.get(3).data());
        assertThat(((ParseResult.Parsed) parsed).tweet().username()).isEqualTo("odd");
        assertThat(((ParseResult.Parsed) parsed).tweet().topic()).isEqualTo("Tokyo Marathon");
        assertThat(state.get("#Serverless")).contains("104");
        assertThat(state.get("Tokyo Marathon")).contains("201");

        FakeTwitterApi.Request search = api.searches().get(0);
        assertThat(search.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(search.query()).containsEntry("query", "#Serverless").containsEntry("max_results", "10")
                .containsEntry("expansions", "author_id").doesNotContainKey("since_id");
        assertThat(search.query().get("tweet.fields")).contains("created_at", "lang", "public_metrics", "entities",
                "referenced_tweets");
        assertThat(search.query().get("user.fields")).contains("username", "public_metrics");
    }

    @Test
    void theNextRunAsksOnlyForNewerTweetsPerTopic() {
        api.trend("#Serverless", 101, 102);
        api.trend("#Java", 301);
        XApiV2Source source = source(10, 20);
        SourceState state = SourceState.empty();
        all(source, state);

        api.newTweets("#Serverless", 103);
        List<OutgoingTweet> second = all(source, state);

        assertThat(second).extracting(OutgoingTweet::partitionKey).containsExactly("103");
        List<FakeTwitterApi.Request> searches = api.searches();
        assertThat(searches.get(2).query()).containsEntry("since_id", "102");
        assertThat(searches.get(3).query()).containsEntry("since_id", "301");
        assertThat(state.get("#Serverless")).contains("103");
        assertThat(state.get("#Java")).contains("301");
    }

    @Test
    void onlyTheTopTopicsArePolled() {
        api.trend("a", 1);
        api.trend("b", 2);
        api.trend("c", 3);
        assertThat(all(source(2, 5), SourceState.empty())).extracting(OutgoingTweet::topic).containsExactly("a", "b");
        assertThat(api.searches()).hasSize(2);
    }

    @Test
    void aRateLimitStopsPollingForThisRunAndKeepsTheOtherTopicsPositions() {
        api.trend("a", 1, 2);
        api.trend("b", 10);
        api.trend("c", 20);
        api.fail("b", 429);
        XApiV2Source source = source(10, 5);
        SourceState state = SourceState.empty();

        List<OutgoingTweet> sent = all(source, state);

        assertThat(sent).extracting(OutgoingTweet::partitionKey).containsExactly("2", "1");
        assertThat(source.issues().rateLimited()).isTrue();
        assertThat(source.issues().errors()).singleElement().asString().contains("topic b", "429", "1795000000");
        assertThat(state.asMap()).containsOnlyKeys("a");
        assertThat(api.searches()).hasSize(2); // c was not asked
    }

    @Test
    void aServerErrorOnOneTopicIsReportedAndTheOthersStillRun() {
        api.trend("a", 1);
        api.trend("b", 10);
        api.fail("a", 503);
        XApiV2Source source = source(10, 5);

        List<OutgoingTweet> sent = all(source, SourceState.empty());

        assertThat(sent).extracting(OutgoingTweet::partitionKey).containsExactly("10");
        assertThat(source.issues().errors()).singleElement().asString().contains("topic a", "HTTP 503", "try later");
        assertThat(source.issues().rateLimited()).isFalse();
    }

    @Test
    void refusedCredentialsStopTheRunWithAMessageThatDoesNotContainTheToken() {
        api.trend("a", 1);
        api.fail("trends", 401);
        assertThatThrownBy(() -> all(source(10, 5), SourceState.empty()))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("refused the credentials (HTTP 401)")
                .message().doesNotContain(TOKEN);
    }

    static List<OutgoingTweet> all(dev.streamproc.producer.source.TweetSource source, SourceState state) {
        List<OutgoingTweet> out = new ArrayList<>();
        source.nextBatch(state).forEachRemaining(out::add);
        return out;
    }
}
