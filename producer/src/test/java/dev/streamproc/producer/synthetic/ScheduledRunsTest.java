package dev.streamproc.producer.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamproc.model.ParseResult;
import dev.streamproc.model.Tweet;
import dev.streamproc.model.TweetParser;
import dev.streamproc.producer.OutgoingTweet;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each scheduled producer run starts the synthetic tweets at its own time: current tweets, new ids. */
class ScheduledRunsTest {

    private static List<Tweet> tweets(Instant start) {
        return SyntheticTweets.withSeed(42).startingAt(start).take(200).stream()
                .map(OutgoingTweet::data).map(TweetParser::parse)
                .filter(ParseResult.Parsed.class::isInstance).map(r -> ((ParseResult.Parsed) r).tweet()).toList();
    }

    @Test
    void aRunsTweetsAreCreatedFromItsStartOn() {
        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        List<Tweet> run = tweets(start);
        assertThat(run).isNotEmpty();
        assertThat(run).allSatisfy(t -> assertThat(t.createdAt()).isAfterOrEqualTo(start));
        assertThat(run.get(0).createdAt()).isBefore(start.plusSeconds(60));
    }

    @Test
    void consecutiveRunsSendDifferentTweets() {
        Instant first = Instant.parse("2026-11-23T10:00:00Z");
        Set<String> firstIds = tweets(first).stream().map(Tweet::id).collect(Collectors.toSet());
        Set<String> nextIds = tweets(first.plusSeconds(60)).stream().map(Tweet::id).collect(Collectors.toSet());
        assertThat(nextIds).doesNotContainAnyElementsOf(firstIds);
    }
}
