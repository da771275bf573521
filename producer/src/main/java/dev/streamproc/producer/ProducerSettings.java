package dev.streamproc.producer;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The producer function's configuration, read from its environment (docs/contracts.md section 5).
 * A bad or missing value is one clear error naming the variable.
 */
public record ProducerSettings(String streamName, String source, String parameterPrefix,
                               Optional<String> sinceIdParameter, int placeWoeid, int maxTopics,
                               int tweetsPerTopic, long syntheticSeed, long syntheticTweetsPerInvocation,
                               Optional<String> replayFile, URI xApiBaseUrl, URI twitterApiBaseUrl) {

    public static final String DEFAULT_X_API = "https://api.x.com";
    public static final String DEFAULT_TWITTER_API = "https://api.twitter.com/1.1/";

    public static ProducerSettings fromEnvironment(Map<String, String> env) {
        Env e = new Env(env);
        return new ProducerSettings(
                e.required("STREAM_NAME"),
                e.text("TWEET_SOURCE", "synthetic"),
                trimSlash(e.text("TWITTER_PARAMETER_PREFIX", "/twitter")),
                e.optional("SINCE_ID_PARAMETER"),
                e.integer("PLACE_WOEID", 1, 1, Integer.MAX_VALUE),
                e.integer("MAX_TOPICS", 10, 1, 50),
                e.integer("TWEETS_PER_TOPIC", 20, 1, 100),
                e.number("SYNTHETIC_SEED", 42, Long.MIN_VALUE, Long.MAX_VALUE),
                e.number("SYNTHETIC_TWEETS_PER_INVOCATION", 100, 1, 1_000_000),
                e.optional("REPLAY_FILE"),
                e.uri("X_API_BASE_URL", DEFAULT_X_API),
                e.uri("TWITTER_API_BASE_URL", DEFAULT_TWITTER_API));
    }

    private static String trimSlash(String prefix) {
        return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /** Typed reads of environment variables with messages that name the variable. */
    private record Env(Map<String, String> env) {

        String required(String name) {
            return optional(name).orElseThrow(() -> new IllegalArgumentException(
                    "environment variable " + name + " is required but not set"));
        }

        Optional<String> optional(String name) {
            String v = env.get(name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
        }

        String text(String name, String fallback) {
            return optional(name).orElse(fallback);
        }

        int integer(String name, int fallback, int min, int max) {
            return (int) number(name, fallback, min, max);
        }

        long number(String name, long fallback, long min, long max) {
            Optional<String> v = optional(name);
            if (v.isEmpty()) {
                return fallback;
            }
            long n;
            try {
                n = Long.parseLong(v.get());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("environment variable " + name + " must be a whole number, got '"
                        + v.get() + "'");
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("environment variable " + name + " must be between " + min
                        + " and " + max + ", got " + n);
            }
            return n;
        }

        URI uri(String name, String fallback) {
            String v = text(name, fallback);
            try {
                return URI.create(v);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("environment variable " + name + " is not a URL: " + v);
            }
        }
    }
}
