package dev.streamproc.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamproc.producer.source.TweetSources;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void onlyTheStreamIsRequiredAndTheRestHasTheDocumentedDefaults() {
        ProducerSettings s = ProducerSettings.fromEnvironment(Map.of("STREAM_NAME", "tweets"));
        assertThat(s.source()).isEqualTo("synthetic");
        assertThat(s.parameterPrefix()).isEqualTo("/twitter");
        assertThat(s.sinceIdParameter()).isEmpty();
        assertThat(s.placeWoeid()).isEqualTo(1);
        assertThat(s.maxTopics()).isEqualTo(10);
        assertThat(s.tweetsPerTopic()).isEqualTo(20);
        assertThat(s.syntheticSeed()).isEqualTo(42);
        assertThat(s.syntheticTweetsPerInvocation()).isEqualTo(100);
    }

    @Test
    void badValuesAreOneLineNamingTheVariable() {
        assertThatThrownBy(() -> ProducerSettings.fromEnvironment(Map.of()))
                .hasMessage("environment variable STREAM_NAME is required but not set");
        assertThatThrownBy(() -> ProducerSettings.fromEnvironment(Map.of("STREAM_NAME", "s", "MAX_TOPICS", "ten")))
                .hasMessage("environment variable MAX_TOPICS must be a whole number, got 'ten'");
        assertThatThrownBy(() -> ProducerSettings.fromEnvironment(Map.of("STREAM_NAME", "s", "TWEETS_PER_TOPIC", "500")))
                .hasMessage("environment variable TWEETS_PER_TOPIC must be between 1 and 100, got 500");
    }

    @Test
    void anUnknownSourceOrAReplayWithoutFileIsRefused() {
        ProducerSettings unknown = ProducerSettings.fromEnvironment(Map.of("STREAM_NAME", "s", "TWEET_SOURCE", "rss"));
        assertThatThrownBy(() -> TweetSources.create(unknown, () -> null)).hasMessageContaining("got 'rss'");
        ProducerSettings replay = ProducerSettings.fromEnvironment(Map.of("STREAM_NAME", "s", "TWEET_SOURCE", "replay"));
        assertThatThrownBy(() -> TweetSources.create(replay, () -> null)).hasMessageContaining("needs REPLAY_FILE");
    }
}
