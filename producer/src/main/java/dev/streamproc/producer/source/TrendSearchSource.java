package dev.streamproc.producer.source;

import dev.streamproc.producer.OutgoingTweet;
import dev.streamproc.producer.TopicField;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The reference architecture's polling loop, independent of the API flavour: take the top
 * trends of a place, search recent tweets for each (newer than the topic's remembered
 * {@code since_id}, at most {@code tweetsPerTopic}), and remember the newest id per topic.
 * The state key of a topic is the topic itself.
 */
public abstract class TrendSearchSource implements TweetSource {

    /** One tweet as the API returned it. */
    public record Found(String id, byte[] json) {
    }

    /** An API answer other than success. */
    protected static final class ApiError extends Exception {
        final int status;
        final String detail;

        public ApiError(int status, String detail) {
            super("HTTP " + status + ": " + detail);
            this.status = status;
            this.detail = detail;
        }
    }

    private final int maxTopics;
    protected final int tweetsPerTopic;
    private final List<String> errors = new ArrayList<>();
    private boolean rateLimited;

    protected TrendSearchSource(int maxTopics, int tweetsPerTopic) {
        this.maxTopics = maxTopics;
        this.tweetsPerTopic = tweetsPerTopic;
    }

    /** Trend names, most popular first. */
    protected abstract List<String> trends() throws ApiError;

    /** Recent tweets for a topic, newer than sinceId when present, newest first, at most tweetsPerTopic. */
    protected abstract List<Found> search(String topic, Optional<String> sinceId) throws ApiError;

    @Override
    public SourceIssues issues() {
        return new SourceIssues(0, rateLimited, errors);
    }

    @Override
    public Iterator<OutgoingTweet> nextBatch(SourceState state) {
        errors.clear();
        rateLimited = false;
        List<OutgoingTweet> batch = new ArrayList<>();
        List<String> topics;
        try {
            topics = trends();
        } catch (ApiError e) {
            handle("trends", e);
            return batch.iterator();
        }
        for (String topic : topics.stream().limit(maxTopics).toList()) {
            List<Found> found;
            try {
                found = search(topic, state.get(topic));
            } catch (ApiError e) {
                handle("topic " + topic, e);
                if (rateLimited) {
                    break;
                }
                continue;
            }
            String newest = null;
            for (Found f : found.stream().limit(tweetsPerTopic).toList()) {
                batch.add(new OutgoingTweet(topic, f.id(), TopicField.add(f.json(), topic)));
                newest = newer(newest, f.id());
            }
            if (newest != null) {
                state.put(topic, newest);
            }
        }
        return batch.iterator();
    }

    /** 429 stops this run's polling; 401/403 stop the function (bad or under-privileged credentials). */
    private void handle(String what, ApiError e) {
        if (e.status == 429) {
            rateLimited = true;
            errors.add(what + ": rate limited (429), polling stopped for this run; " + e.detail);
        } else if (e.status == 401 || e.status == 403) {
            throw new SourceException(name() + " " + what + ": the API refused the credentials (HTTP " + e.status
                    + "): " + e.detail);
        } else {
            errors.add(what + ": " + e.getMessage());
        }
    }

    static String newer(String a, String b) {
        if (a == null) {
            return b;
        }
        return new BigInteger(a).compareTo(new BigInteger(b)) >= 0 ? a : b;
    }
}
