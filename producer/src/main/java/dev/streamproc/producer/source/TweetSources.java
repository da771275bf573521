package dev.streamproc.producer.source;

import dev.streamproc.producer.ProducerSettings;
import dev.streamproc.producer.replay.ReplaySource;
import dev.streamproc.producer.ssm.SecretParameters;
import dev.streamproc.producer.ssm.TwitterCredentials;
import dev.streamproc.producer.synthetic.SyntheticSource;
import dev.streamproc.producer.synthetic.SyntheticTweets;
import dev.streamproc.producer.twitter.Twitter4jSource;
import dev.streamproc.producer.twitter.XApiV2Source;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;

/** Picks the source named by {@code TWEET_SOURCE}; credentials are read only for the API sources. */
public final class TweetSources {

    public static final String SYNTHETIC = "synthetic";
    public static final String REPLAY = "replay";
    public static final String TWITTER4J = "twitter4j";
    public static final String X_API_V2 = "x-api-v2";

    private TweetSources() {
    }

    public static TweetSource create(ProducerSettings settings, Supplier<SecretParameters> secrets) {
        return create(settings, secrets, Instant.now());
    }

    /**
     * @param now when this run happens: the synthetic source's first created_at, so each scheduled run makes new,
     *            current tweets (and new ids) instead of the same batch again
     */
    public static TweetSource create(ProducerSettings settings, Supplier<SecretParameters> secrets, Instant now) {
        return switch (settings.source()) {
            case SYNTHETIC -> new SyntheticSource(SyntheticTweets.withSeed(settings.syntheticSeed()).startingAt(now),
                    settings.syntheticTweetsPerInvocation());
            case REPLAY -> new ReplaySource(Path.of(settings.replayFile().orElseThrow(() -> new IllegalArgumentException(
                    "TWEET_SOURCE=replay needs REPLAY_FILE (a JSON capture: JSON lines, a document or an array; gzip or plain)"))), null,
                    settings.syntheticTweetsPerInvocation());
            case TWITTER4J -> new Twitter4jSource(TwitterCredentials.load(secrets.get(), settings.parameterPrefix()),
                    settings.twitterApiBaseUrl(), settings.placeWoeid(), settings.maxTopics(),
                    settings.tweetsPerTopic());
            case X_API_V2 -> new XApiV2Source(TwitterCredentials.loadBearerToken(secrets.get(),
                    settings.parameterPrefix()), settings.xApiBaseUrl(), settings.placeWoeid(), settings.maxTopics(),
                    settings.tweetsPerTopic());
            default -> throw new IllegalArgumentException("TWEET_SOURCE must be one of " + SYNTHETIC + ", " + REPLAY
                    + ", " + TWITTER4J + ", " + X_API_V2 + "; got '" + settings.source() + "'");
        };
    }
}
