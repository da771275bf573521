package dev.streamproc.producer.twitter;

import dev.streamproc.producer.source.TrendSearchSource;
import dev.streamproc.producer.ssm.TwitterCredentials;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import twitter4j.Twitter;
import twitter4j.TwitterException;
import twitter4j.TwitterObjectFactory;
import twitter4j.v1.Query;
import twitter4j.v1.Status;
import twitter4j.v1.Trend;

/**
 * Twitter API v1.1 through twitter4j: {@code trends/place} and {@code search/tweets}, OAuth 1.0a.
 * The record data is the status JSON twitter4j received (its raw-JSON store), plus the topic.
 * Most apps get error 453 from these endpoints today; {@code x-api-v2} is the working choice.
 */
public final class Twitter4jSource extends TrendSearchSource {

    private final Twitter twitter;
    private final int woeid;

    public Twitter4jSource(TwitterCredentials credentials, URI restBaseUrl, int woeid, int maxTopics,
                           int tweetsPerTopic) {
        super(maxTopics, tweetsPerTopic);
        Properties props = new Properties();
        props.setProperty("restBaseURL", restBaseUrl.toString().endsWith("/") ? restBaseUrl.toString()
                : restBaseUrl + "/");
        this.twitter = Twitter.newBuilder()
                .load(props)
                .oAuthConsumer(credentials.consumerKey(), credentials.consumerSecret())
                .oAuthAccessToken(credentials.accessToken(), credentials.accessTokenSecret())
                .jsonStoreEnabled(true)
                .httpRetryCount(0)
                .build();
        this.woeid = woeid;
    }

    @Override
    public String name() {
        return "twitter4j";
    }

    @Override
    protected List<String> trends() throws ApiError {
        try {
            Trend[] trends = twitter.v1().trends().getPlaceTrends(woeid).getTrends();
            return Arrays.stream(trends).map(Trend::getName).toList();
        } catch (TwitterException e) {
            throw apiError(e);
        }
    }

    @Override
    protected List<Found> search(String topic, Optional<String> sinceId) throws ApiError {
        Query query = Query.of(topic).count(tweetsPerTopic).resultType(Query.RECENT);
        if (sinceId.isPresent()) {
            query = query.sinceId(Long.parseLong(sinceId.get()));
        }
        List<Status> statuses;
        try {
            statuses = twitter.v1().search().search(query).getTweets();
        } catch (TwitterException e) {
            throw apiError(e);
        }
        List<Found> found = new ArrayList<>(statuses.size());
        for (Status status : statuses) {
            String raw = TwitterObjectFactory.getRawJSON(status);
            if (raw == null) {
                throw new IllegalStateException("twitter4j kept no raw JSON for status " + status.getId());
            }
            found.add(new Found(Long.toString(status.getId()), raw.getBytes(StandardCharsets.UTF_8)));
        }
        return found;
    }

    private static ApiError apiError(TwitterException e) {
        int status = e.getStatusCode();
        if (e.exceededRateLimitation()) {
            status = 429;
        }
        String detail = e.isErrorMessageAvailable() ? "error " + e.getErrorCode() + " " + e.getErrorMessage()
                : e.isCausedByNetworkIssue() ? "network: " + e.getCause() : String.valueOf(e.getErrorMessage());
        return new ApiError(status, detail);
    }
}
